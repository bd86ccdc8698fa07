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
 * injection. Reads incrementally: each {@link #readNewEvents} call continues after the last record it read.
 * <p>
 * The emulator keeps a bounded window and drops its oldest records while it is read, and its pages are addressed by
 * an offset into that sliding window: a page asked for at offset {@code o} can start later than the reader expects
 * (the records dropped between the reader's look at the dropped count and the page itself). So positions are only
 * estimates, and what decides is the records' sequence numbers (one counter, ascending in the window): a page must
 * begin at or before the last record read, or the reader steps back until one does. When even the window's oldest
 * record comes after it, the records in between were dropped before they could be read: they are read from the
 * emulator's journal (every accepted record, never dropped) when the client has it, else counted in {@link #missed()}
 * (as sequence numbers: an upper bound when other operations' records share the counter).
 */
public final class EmulatorClient {

    static final int PAGE = 10_000;
    static final int OVERLAP = 1_000;

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JournalTail journal;
    /** Estimated absolute position (counting dropped records) after the last record read. */
    private long next;
    private long lastSequence;
    private long missed;
    private long fromJournal;

    /** A client of the emulator's API alone (records dropped before they were read are counted, not read). */
    public EmulatorClient(String baseUrl) {
        this(baseUrl, null);
    }

    /**
     * @param journal the emulator's journal file, read from its current end on for the records the emulator drops
     *                before they are read; null when it is not on this machine
     */
    public EmulatorClient(String baseUrl, java.nio.file.Path journal) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl").replaceAll("/+$", "");
        this.journal = journal == null ? null : new JournalTail(journal);
    }

    private record Page(JsonNode records, long evicted) {
        long firstSequence() {
            return records.isEmpty() ? Long.MAX_VALUE : records.get(0).path("sequence").asLong();
        }
    }

    /** Hands every event accepted since the last call to {@code sink}; returns how many there were. */
    public synchronized int readNewEvents(Consumer<JsonNode> sink) {
        long offset = Math.max(0, next - page(0, 0).evicted() - OVERLAP);
        long step = OVERLAP;
        int read = 0;
        while (true) {
            Page page = page(offset, PAGE);
            JsonNode records = page.records();
            if (page.firstSequence() > lastSequence + 1) {
                if (offset > 0) {
                    // the window slid past the last record read (or this page is past its end): step back
                    offset = Math.max(0, offset - step);
                    step *= 2;
                    continue;
                }
                if (!records.isEmpty()) {
                    read += dropped(lastSequence, page.firstSequence(), sink);
                }
            }
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
            step = OVERLAP;
        }
    }

    /** The records between two sequence numbers that the emulator dropped before they were read. */
    private int dropped(long after, long before, Consumer<JsonNode> sink) {
        if (journal != null) {
            int read = journal.eventsBetween(after, before, sink);
            fromJournal += read;
            return read;
        }
        if (after > 0) {
            missed += before - after - 1; // (before the first read, nothing was this client's to read)
        }
        return 0;
    }

    /**
     * Records the emulator dropped before this client read them, and that it could not read from a journal either
     * (0 unless reads fell far behind without the journal).
     */
    public synchronized long missed() {
        return missed;
    }

    /** Events read from the journal (dropped from the window before they were read; no acceptance time). */
    public synchronized long readFromJournal() {
        return fromJournal;
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
