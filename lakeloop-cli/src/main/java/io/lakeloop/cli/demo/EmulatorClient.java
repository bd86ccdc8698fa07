package io.lakeloop.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakeloop.cli.StackException;
import io.lakeloop.event.RecordValues;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The Personalize emulator's own API ({@code /_emulator/…}): the events it accepted, page by page, and fault
 * injection. Reads incrementally: each {@link #readNewEvents} call continues where the last one stopped, also while
 * the emulator drops its oldest records to bound its memory (positions are re-based on its evicted count, and a small
 * overlap is read again and skipped by sequence number).
 */
public final class EmulatorClient {

    static final int PAGE = 10_000;
    static final int OVERLAP = 1_000;

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Absolute position (counting evicted records) after the last record read. */
    private long next;
    private long lastSequence;
    private long missed;

    public EmulatorClient(String baseUrl) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl").replaceAll("/+$", "");
    }

    private record Page(JsonNode records, long evicted) {
    }

    /** Hands every event accepted since the last call to {@code sink}; returns how many there were. */
    public int readNewEvents(Consumer<JsonNode> sink) {
        long evicted = page(0, 0).evicted();
        if (next < evicted) {
            missed += evicted - next;
            next = evicted;
        }
        long offset = Math.max(0, next - evicted - OVERLAP);
        int read = 0;
        while (true) {
            Page page = page(offset, PAGE);
            JsonNode records = page.records();
            for (JsonNode event : records) {
                long sequence = event.path("sequence").asLong();
                if (sequence > lastSequence) {
                    lastSequence = sequence;
                    sink.accept(event);
                    read++;
                }
            }
            next = Math.max(next, page.evicted() + offset + records.size());
            if (records.size() < PAGE) {
                return read;
            }
            offset += records.size();
        }
    }

    /** Records the emulator dropped before this client read them (0 unless reads fell far behind). */
    public long missed() {
        return missed;
    }

    private Page page(long offset, int limit) {
        HttpResponse<String> response = exchange(HttpRequest.newBuilder(URI.create(baseUrl + "/_emulator/events?offset="
                + offset + "&limit=" + limit)).GET());
        long evicted = response.headers().firstValue("X-Evicted-Count").map(Long::parseLong).orElse(0L);
        JsonNode body = parse(response.body());
        return new Page(body.isArray() ? body : body.path("records"), evicted);
    }

    /** Replaces the fault settings, e.g. {@code {"throttleRatio":0.2,"errorRatio":0.05}}. */
    public void setFaults(String json) {
        send(HttpRequest.newBuilder(URI.create(baseUrl + "/_emulator/faults"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public void clearFaults() {
        send(HttpRequest.newBuilder(URI.create(baseUrl + "/_emulator/faults")).DELETE());
    }

    public JsonNode stats() {
        return get("/_emulator/stats");
    }

    private JsonNode get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    private JsonNode send(HttpRequest.Builder request) {
        return parse(exchange(request).body());
    }

    private HttpResponse<String> exchange(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new StackException("The emulator answered " + response.statusCode() + ": " + response.body());
            }
            return response;
        } catch (IOException e) {
            throw new StackException("Cannot reach the emulator at " + baseUrl + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted", e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? RecordValues.JSON.createObjectNode()
                    : RecordValues.JSON.readTree(body);
        } catch (IOException e) {
            throw new StackException("The emulator answered something that is not JSON", e);
        }
    }

    static List<String> idsOf(List<JsonNode> events) {
        return events.stream().map(e -> e.path("eventId").asText(null)).filter(Objects::nonNull).toList();
    }
}
