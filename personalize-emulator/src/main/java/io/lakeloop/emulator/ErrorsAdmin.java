package io.lakeloop.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The admin endpoints of {@link InjectedErrors} and {@link ServiceClock}, under {@code /_emulator}:
 * {@code GET|POST|DELETE errors} ({@code {"errorType":"ValidationError","status":400,"calls":3}}; status and message
 * default to the {@link CommonError} of that type, calls to until cleared) and {@code GET|POST|DELETE clock}
 * ({@code {"offsetSeconds":1200}}: the emulator's time runs that far ahead, so requests look 20 minutes old), and
 * the container credentials endpoint {@code GET credentials} ({@link ContainerCredentials}).
 */
final class ErrorsAdmin implements AdminRoutes {

    private final InjectedErrors errors;
    private final ServiceClock clock;
    private final ContainerCredentials credentials;

    ErrorsAdmin(InjectedErrors errors, ServiceClock clock, ContainerCredentials credentials) {
        this.errors = Objects.requireNonNull(errors, "errors");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    @Override
    public boolean route(HttpExchange exchange, String method, String path) throws IOException {
        switch (method + " " + path) {
            case "GET /errors" -> HttpResponses.json(exchange, 200, errorsBody());
            case "POST /errors" -> {
                errors.add(rule(readJson(exchange)));
                HttpResponses.json(exchange, 200, errorsBody());
            }
            case "DELETE /errors" -> {
                errors.clear();
                HttpResponses.json(exchange, 200, errorsBody());
            }
            case "GET /clock" -> HttpResponses.json(exchange, 200, clockBody());
            case "POST /clock" -> {
                JsonNode offset = readJson(exchange).get("offsetSeconds");
                if (offset == null || !offset.canConvertToLong()) {
                    throw new IllegalArgumentException("offsetSeconds must be a whole number");
                }
                clock.setOffset(Duration.ofSeconds(offset.asLong()));
                HttpResponses.json(exchange, 200, clockBody());
            }
            case "GET /credentials" -> {
                ContainerCredentials.Answer answer = credentials.fetch(clock.now());
                HttpResponses.json(exchange, answer.status(), answer.body());
            }
            case "DELETE /clock" -> {
                clock.setOffset(Duration.ZERO);
                HttpResponses.json(exchange, 200, clockBody());
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private static InjectedErrors.Rule rule(JsonNode body) {
        JsonNode type = body.get("errorType");
        if (type == null || !type.isTextual()) {
            throw new IllegalArgumentException("errorType must be a string, e.g. \"ValidationError\"");
        }
        CommonError known = CommonError.byErrorType(type.asText()).orElse(null);
        int status = body.hasNonNull("status") ? body.get("status").asInt() : known != null ? known.status() : 400;
        String message = body.hasNonNull("message") ? body.get("message").asText()
                : known != null ? known.message() : "Injected " + type.asText();
        int calls = body.hasNonNull("calls") ? body.get("calls").asInt() : InjectedErrors.UNTIL_CLEARED;
        return new InjectedErrors.Rule(status, type.asText(), message, calls);
    }

    private Map<String, Object> errorsBody() {
        List<Map<String, Object>> pending = new ArrayList<>();
        for (InjectedErrors.Rule rule : errors.pending()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("status", rule.status());
            r.put("errorType", rule.errorType());
            r.put("message", rule.message());
            r.put("calls", rule.calls());
            pending.add(r);
        }
        return Map.of("pending", pending);
    }

    private Map<String, Object> clockBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("offsetSeconds", clock.offset().toSeconds());
        body.put("now", clock.now().toString());
        return body;
    }

    private static JsonNode readJson(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return Json.readObject(in.readNBytes(64 * 1024), IllegalArgumentException::new);
        }
    }
}
