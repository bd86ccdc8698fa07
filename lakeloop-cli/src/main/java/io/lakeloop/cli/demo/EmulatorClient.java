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
 * injection. Reads incrementally: each {@link #readNewEvents} call continues where the last one stopped.
 */
public final class EmulatorClient {

    static final int PAGE = 10_000;

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private long offset;

    public EmulatorClient(String baseUrl) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl").replaceAll("/+$", "");
    }

    /** Hands every event accepted since the last call to {@code sink}; returns how many there were. */
    public int readNewEvents(Consumer<JsonNode> sink) {
        int read = 0;
        while (true) {
            JsonNode page = get("/_emulator/events?offset=" + offset + "&limit=" + PAGE);
            JsonNode records = page.isArray() ? page : page.path("records");
            for (JsonNode event : records) {
                sink.accept(event);
            }
            offset += records.size();
            read += records.size();
            if (records.size() < PAGE) {
                return read;
            }
        }
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
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new StackException("The emulator answered " + response.statusCode() + ": " + response.body());
            }
            String body = response.body();
            return body == null || body.isBlank() ? RecordValues.JSON.createObjectNode()
                    : RecordValues.JSON.readTree(body);
        } catch (IOException e) {
            throw new StackException("Cannot reach the emulator at " + baseUrl + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted", e);
        }
    }

    static List<String> idsOf(List<JsonNode> events) {
        return events.stream().map(e -> e.path("eventId").asText(null)).filter(Objects::nonNull).toList();
    }
}
