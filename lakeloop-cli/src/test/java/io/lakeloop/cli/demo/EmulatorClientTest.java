package io.lakeloop.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeloop.emulator.PersonalizeEmulator;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's reader of what Personalize accepted, against a real emulator whose window is small: the emulator drops
 * its oldest records while they are being read, and the reader must still hand over every accepted event exactly once
 * and in order (the dropped ones from the emulator's journal), or, without a journal, count exactly what it could
 * not read.
 */
class EmulatorClientTest {

    private static final String TRACKER = "tracker-1";
    private static final int WINDOW = 50;

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newHttpClient();
    private PersonalizeEmulator emulator;

    private PersonalizeEmulator start(Path journal) {
        emulator = PersonalizeEmulator.builder().host("127.0.0.1").port(0).threads(4).trackingId(TRACKER)
                .maxRecordsPerOperation(WINDOW).journal(journal).build().start();
        return emulator;
    }

    @AfterEach
    void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void readsTheEventsTheEmulatorDroppedBeforeTheFirstReadFromItsJournal() {
        Path journal = tmp.resolve("journal.jsonl");
        start(journal);
        EmulatorClient client = new EmulatorClient(emulator.endpoint().toString(), journal);
        List<String> sent = put(0, 200);
        assertThat(emulator.recorded().evicted(io.lakeloop.emulator.Operation.PUT_EVENTS)).isEqualTo(150);

        List<String> read = new ArrayList<>();
        int handed = client.readNewEvents(e -> read.add(e.path("eventId").asText()));

        assertThat(read).containsExactlyElementsOf(sent);
        assertThat(handed).isEqualTo(200);
        assertThat(client.readFromJournal()).isEqualTo(150);
        assertThat(client.missed()).isZero();
        // nothing new: nothing handed over again
        assertThat(client.readNewEvents(e -> read.add("again " + e.path("eventId").asText()))).isZero();
        assertThat(read).hasSize(200);
    }

    @Test
    void readsEveryEventOnceWhileTheWindowSlidesUnderTheReader() {
        Path journal = tmp.resolve("journal.jsonl");
        start(journal);
        EmulatorClient client = new EmulatorClient(emulator.endpoint().toString(), journal);
        List<String> read = new ArrayList<>();

        List<String> sent = readWhileWriting(client, read, 3000);

        assertThat(read).containsExactlyElementsOf(sent);
        assertThat(client.missed()).isZero();
    }

    @Test
    void withoutAJournalCountsExactlyWhatItCouldNotRead() {
        start(null);
        EmulatorClient client = new EmulatorClient(emulator.endpoint().toString());
        List<String> read = new ArrayList<>();

        List<String> sent = readWhileWriting(client, read, 3000);

        assertThat(sent).containsAll(read);
        assertThat(read).doesNotHaveDuplicates();
        assertThat(read.size() + client.missed()).as("read %d, counted as unread %d", read.size(), client.missed())
                .isEqualTo(sent.size());
        assertThat(client.readFromJournal()).isZero();
    }

    /** Puts {@code count} events in calls of ten on another thread while {@code client} reads; returns their ids. */
    private List<String> readWhileWriting(EmulatorClient client, List<String> read, int count) {
        client.readNewEvents(e -> read.add(e.path("eventId").asText()));
        CompletableFuture<List<String>> writer = CompletableFuture.supplyAsync(() -> put(0, count));
        while (!writer.isDone()) {
            client.readNewEvents(e -> read.add(e.path("eventId").asText()));
        }
        client.readNewEvents(e -> read.add(e.path("eventId").asText()));
        return writer.join();
    }

    /** Events {@code from .. from+count-1}, ten per PutEvents call, through the emulator's public API. */
    private List<String> put(int from, int count) {
        List<String> ids = IntStream.range(from, from + count).mapToObj(i -> "run-e" + i).toList();
        for (int call = 0; call < count; call += 10) {
            StringBuilder body = new StringBuilder("{\"trackingId\":\"" + TRACKER
                    + "\",\"sessionId\":\"s1\",\"userId\":\"u1\",\"eventList\":[");
            for (int i = call; i < Math.min(count, call + 10); i++) {
                body.append(i == call ? "" : ",").append("{\"eventId\":\"").append(ids.get(i))
                        .append("\",\"eventType\":\"click\",\"itemId\":\"i1\",\"sentAt\":1700000000.123}");
            }
            body.append("]}");
            HttpResponse<String> response = send(HttpRequest.newBuilder(emulator.endpoint().resolve("/events"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261203/us-east-1/personalize/"
                            + "aws4_request, SignedHeaders=host, Signature=0")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
        return ids;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
