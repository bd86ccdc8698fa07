package io.lakeloop.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/** Writes the service's responses: a JSON body, {@code x-amzn-RequestId}, and for errors {@code x-amzn-ErrorType}. */
final class HttpResponses {

    private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.UTF_8);

    private HttpResponses() {
    }

    static void ok(HttpExchange exchange) throws IOException {
        send(exchange, 200, EMPTY_OBJECT);
    }

    static void json(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, toBytes(body));
    }

    static void error(HttpExchange exchange, ApiException error) throws IOException {
        exchange.getResponseHeaders().set("x-amzn-ErrorType", error.errorType());
        send(exchange, error.status(), toBytes(Map.of("message", error.getMessage())));
    }

    private static byte[] toBytes(Object body) {
        try {
            return Json.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
