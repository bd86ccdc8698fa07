package io.lakeloop.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Personalize Events API. Each call goes: route, authenticate (403; 400 when signed too far from the clock),
 * injected faults (latency, 503, 429, 5xx), injected errors (any status and type, e.g. 400 ValidationError), parse (400 SerializationException), validate by the model (400 InvalidInputException), resource known (404) and
 * free (409), quota (429), record, 200 {@code {}}. Only a call that gets the 200 is recorded.
 */
final class ApiHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    /** Ten 32,000-character properties of 4-byte characters fit easily; anything larger is not a real request. */
    static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

    private final SigV4Authenticator authenticator;
    private final Faults faults;
    private final InjectedErrors errors;
    private final Resources resources;
    private final QuotaLimiter quota;
    private final Recorded recorded;
    private final EmulatorStats stats;

    ApiHandler(SigV4Authenticator authenticator, Faults faults, InjectedErrors errors, Resources resources,
               QuotaLimiter quota, Recorded recorded, EmulatorStats stats) {
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.faults = Objects.requireNonNull(faults, "faults");
        this.errors = Objects.requireNonNull(errors, "errors");
        this.resources = Objects.requireNonNull(resources, "resources");
        this.quota = Objects.requireNonNull(quota, "quota");
        this.recorded = Objects.requireNonNull(recorded, "recorded");
        this.stats = Objects.requireNonNull(stats, "stats");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            byte[] body = readBody(exchange);
            Optional<Operation> operation = "POST".equals(exchange.getRequestMethod())
                    ? Operation.byPath(exchange.getRequestURI().getPath()) : Optional.empty();
            if (operation.isEmpty()) {
                reject(exchange, ApiException.unknownOperation());
                return;
            }
            handle(exchange, operation.get(), body);
        } catch (ApiException e) {
            reject(exchange, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            HttpResponses.error(exchange, ApiException.serviceUnavailable());
        } catch (RuntimeException e) {
            LOG.error("Failed to handle {} {}", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
            HttpResponses.error(exchange, ApiException.internalFailure());
        } finally {
            exchange.close();
        }
    }

    private void handle(HttpExchange exchange, Operation operation, byte[] body)
            throws IOException, InterruptedException {
        stats.call(operation);
        authenticator.authenticate(exchange, body);
        try {
            faults.beforeCall();
        } catch (ApiException injected) {
            HttpResponses.error(exchange, injected);
            return;
        }
        Optional<ApiException> injectedError = errors.next();
        if (injectedError.isPresent()) {
            throw injectedError.get();
        }
        ValidCall call = operation.parser().parse(parse(body));
        resources.check(operation, call.resource());
        if (!quota.tryAcquire(operation, call.resource())) {
            stats.throttled();
            HttpResponses.error(exchange, ApiException.throttling());
            return;
        }
        int records = recorded.record(operation, call, body.length);
        stats.accepted(operation, records);
        LOG.debug("{} accepted {} record(s)", operation.apiName(), records);
        HttpResponses.ok(exchange);
    }

    private void reject(HttpExchange exchange, ApiException error) throws IOException {
        stats.rejected(error.errorType());
        LOG.debug("{} {} rejected: {} {}", exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                error.errorType(), error.getMessage());
        HttpResponses.error(exchange, error);
    }

    private static JsonNode parse(byte[] body) {
        return Json.readObject(body, ApiException::serialization);
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw ApiException.serialization("The request body exceeds " + MAX_BODY_BYTES + " bytes");
            }
            return body;
        }
    }
}
