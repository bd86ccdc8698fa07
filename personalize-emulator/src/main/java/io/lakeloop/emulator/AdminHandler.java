package io.lakeloop.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The emulator's own endpoints under {@code /_emulator} (no authentication, no faults):
 * {@code GET health}, {@code GET stats}, {@code GET events|items|users|actions|action-interactions?offset=&limit=}
 * (a JSON array of records, each with {@code acceptedAtMs}, the epoch milliseconds it was accepted; headers
 * {@code X-Total-Count} and {@code X-Evicted-Count}),
 * {@code DELETE recorded}, {@code GET|POST|DELETE faults}, {@code GET|POST|DELETE resources}, and
 * the groups of {@link AdminRoutes} it is given ({@link ErrorsAdmin}: errors, clock, credentials).
 */
final class AdminHandler implements HttpHandler {

    static final String PREFIX = "/_emulator";
    static final int DEFAULT_PAGE = 1000;
    static final int MAX_PAGE = 100_000;
    private static final Logger LOG = LoggerFactory.getLogger(AdminHandler.class);

    private final Recorded recorded;
    private final EmulatorStats stats;
    private final Faults faults;
    private final Resources resources;
    private final List<AdminRoutes> more;

    AdminHandler(Recorded recorded, EmulatorStats stats, Faults faults, Resources resources, List<AdminRoutes> more) {
        this.recorded = Objects.requireNonNull(recorded, "recorded");
        this.stats = Objects.requireNonNull(stats, "stats");
        this.faults = Objects.requireNonNull(faults, "faults");
        this.resources = Objects.requireNonNull(resources, "resources");
        this.more = List.copyOf(more);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            route(exchange, exchange.getRequestMethod(), exchange.getRequestURI().getPath().substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            HttpResponses.error(exchange, ApiException.invalidInput(e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("Admin call {} failed", exchange.getRequestURI().getPath(), e);
            HttpResponses.error(exchange, ApiException.internalFailure());
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange, String method, String path) throws IOException {
        for (AdminRoutes routes : more) {
            if (routes.route(exchange, method, path)) {
                return;
            }
        }
        String route = method + " " + path;
        switch (route) {
            case "GET /health" -> HttpResponses.json(exchange, 200, Map.of("status", "UP"));
            case "GET /stats" -> HttpResponses.json(exchange, 200, statsBody());
            case "DELETE /recorded" -> {
                recorded.clear();
                stats.reset();
                HttpResponses.ok(exchange);
            }
            case "GET /faults" -> HttpResponses.json(exchange, 200, faultsBody(faults.current()));
            case "POST /faults" -> {
                FaultSettings next = FaultSettingsJson.read(readJson(exchange));
                HttpResponses.json(exchange, 200, faultsBody(next));
                exchange.close();
                faults.set(next);
            }
            case "DELETE /faults" -> {
                faults.reset();
                HttpResponses.json(exchange, 200, faultsBody(faults.current()));
            }
            case "GET /resources" -> HttpResponses.json(exchange, 200, resourcesBody());
            case "POST /resources" -> {
                registerResources(readJson(exchange));
                HttpResponses.json(exchange, 200, resourcesBody());
            }
            case "DELETE /resources" -> {
                resources.clear();
                HttpResponses.json(exchange, 200, resourcesBody());
            }
            default -> {
                Optional<Operation> kind = "GET".equals(method) && path.length() > 1
                        ? Operation.byRecordKind(path.substring(1)) : Optional.empty();
                if (kind.isEmpty()) {
                    HttpResponses.error(exchange, new ApiException(404, "NotFound", "No emulator endpoint " + route));
                    return;
                }
                page(exchange, kind.get(), query(exchange.getRequestURI().getRawQuery()));
            }
        }
    }

    /** The records themselves as a JSON array; the paging totals go in headers. */
    private void page(HttpExchange exchange, Operation operation, Map<String, String> query) throws IOException {
        int offset = intParam(query, "offset", 0, Integer.MAX_VALUE);
        int limit = intParam(query, "limit", DEFAULT_PAGE, MAX_PAGE);
        exchange.getResponseHeaders().set("X-Total-Count", String.valueOf(recorded.size(operation)));
        exchange.getResponseHeaders().set("X-Evicted-Count", String.valueOf(recorded.evicted(operation)));
        List<Object> records = recorded.page(operation, offset, limit);
        List<ObjectNode> body = new ArrayList<>(records.size());
        for (Object record : records) {
            ObjectNode node = Json.MAPPER.valueToTree(record);
            recorded.acceptedAt(node.path("sequence").asLong()).ifPresent(ms -> node.put("acceptedAtMs", ms));
            body.add(node);
        }
        HttpResponses.json(exchange, 200, body);
    }

    private Map<String, Object> statsBody() {
        EmulatorStats.Snapshot snapshot = stats.snapshot();
        Map<String, Object> stored = new LinkedHashMap<>();
        Map<String, Object> storedBytes = new LinkedHashMap<>();
        Map<String, Object> evicted = new LinkedHashMap<>();
        for (Operation operation : Operation.values()) {
            stored.put(operation.recordKind(), recorded.size(operation));
            storedBytes.put(operation.recordKind(), recorded.estimatedBytes(operation));
            evicted.put(operation.recordKind(), recorded.evicted(operation));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("calls", snapshot.calls());
        body.put("acceptedCalls", snapshot.acceptedCalls());
        body.put("acceptedRecords", snapshot.acceptedRecords());
        body.put("rejected", snapshot.rejected());
        body.put("throttled", snapshot.throttled());
        body.put("injectedFaults", snapshot.injectedFaults());
        body.put("stored", stored);
        body.put("storedBytesEstimate", storedBytes);
        body.put("evicted", evicted);
        return body;
    }

    private Map<String, Object> faultsBody(FaultSettings settings) {
        Map<String, Object> body = FaultSettingsJson.write(settings);
        body.put("unavailableRemainingMs", faults.unavailableRemaining().toMillis());
        return body;
    }

    private Map<String, Object> resourcesBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("trackingIds", resources.trackingIds());
        body.put("datasetArns", resources.datasetArns());
        body.put("inUse", resources.inUse());
        return body;
    }

    private void registerResources(JsonNode body) {
        body.path("trackingIds").forEach(id -> resources.registerTrackingId(id.asText()));
        body.path("datasetArns").forEach(arn -> resources.registerDatasetArn(arn.asText()));
        body.path("inUse").forEach(resource -> resources.markInUse(resource.asText()));
    }

    private static JsonNode readJson(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return Json.readObject(in.readNBytes(1024 * 1024), IllegalArgumentException::new);
        }
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> params = new HashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return params;
    }

    private static int intParam(Map<String, String> query, String name, int defaultValue, int max) {
        String text = query.get(name);
        if (text == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text);
            if (value < 0 || value > max) {
                throw new IllegalArgumentException(name + " must be between 0 and " + max + ": " + text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number: " + text);
        }
    }
}
