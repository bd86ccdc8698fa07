package io.lakeloop.emulator;

import static io.lakeloop.emulator.Payloads.DATASET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.personalizeevents.PersonalizeEventsClient;
import software.amazon.awssdk.services.personalizeevents.model.Event;
import software.amazon.awssdk.services.personalizeevents.model.InvalidInputException;
import software.amazon.awssdk.services.personalizeevents.model.Item;
import software.amazon.awssdk.services.personalizeevents.model.MetricAttribution;
import software.amazon.awssdk.services.personalizeevents.model.User;

/** The exact set of accepted records comes back through the Java API, over HTTP and in the journal. */
class RecordingIT {

    @TempDir
    Path dir;
    private PersonalizeEmulator emulator;
    private PersonalizeEventsClient client;

    @BeforeEach
    void start() {
        emulator = PersonalizeEmulator.builder().journal(dir.resolve("journal.jsonl")).build().start();
        client = Sdk.noRetry(emulator.endpoint());
    }

    @AfterEach
    void stop() {
        client.close();
        emulator.close();
    }

    @Test
    void returnsExactlyTheAcceptedEventsWithEveryField() {
        Instant sentAt = Instant.ofEpochSecond(1_700_000_123L, 456_000_000);
        client.putEvents(r -> r.trackingId("tracker-1").userId("user-1").sessionId("session-1").eventList(
                Event.builder().eventId("e-1").eventType("click").itemId("item-1").sentAt(sentAt).eventValue(2.5f)
                        .properties("{\"numberOfRatings\":\"12\"}").recommendationId("rec-1")
                        .impression("item-1", "item-2")
                        .metricAttribution(MetricAttribution.builder().eventAttributionSource("email").build())
                        .build(),
                Event.builder().eventType("view").itemId("item-2").sentAt(sentAt.plusSeconds(1)).build()));
        try {
            client.putEvents(r -> r.trackingId("tracker-1").sessionId("s").eventList(
                    Event.builder().eventType("click").itemId("x".repeat(257)).sentAt(sentAt).build()));
        } catch (InvalidInputException expected) {
            // rejected calls record nothing
        }
        client.putEvents(r -> r.trackingId("tracker-2").sessionId("session-2").eventList(
                Event.builder().eventType("buy").itemId("item-3").sentAt(sentAt).build()));

        List<RecordedEvent> events = emulator.recorded().events();
        assertThat(events).extracting(RecordedEvent::trackingId, RecordedEvent::userId, RecordedEvent::sessionId,
                        RecordedEvent::eventType, RecordedEvent::itemId)
                .containsExactly(
                        tuple("tracker-1", "user-1", "session-1", "click", "item-1"),
                        tuple("tracker-1", "user-1", "session-1", "view", "item-2"),
                        tuple("tracker-2", null, "session-2", "buy", "item-3"));
        RecordedEvent first = events.get(0);
        assertThat(first.sequence()).isEqualTo(1);
        assertThat(first.eventId()).isEqualTo("e-1");
        assertThat(first.sentAt()).isEqualByComparingTo(new BigDecimal("1700000123.456"));
        assertThat(first.sentAtInstant()).isEqualTo(sentAt);
        assertThat(first.eventValue()).isEqualTo(2.5f);
        assertThat(first.properties()).isEqualTo("{\"numberOfRatings\":\"12\"}");
        assertThat(first.recommendationId()).isEqualTo("rec-1");
        assertThat(first.impression()).containsExactly("item-1", "item-2");
        assertThat(first.eventAttributionSource()).isEqualTo("email");
        assertThat(events.get(1).eventId()).isNull();
        assertThat(emulator.stats().snapshot().acceptedRecords(Operation.PUT_EVENTS)).isEqualTo(3);
        assertThat(emulator.stats().snapshot().rejected("InvalidInputException")).isEqualTo(1);
    }

    @Test
    void servesTheEventsOverHttpWithPaging() throws IOException {
        for (int call = 0; call < 3; call++) {
            List<Event> batch = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                batch.add(Payloads.event().itemId("item-" + (call * 10 + i)).build());
            }
            client.putEvents(r -> r.trackingId("tracker-1").userId("user-1").sessionId("s").eventList(batch));
        }

        HttpResponse<String> allResponse = Sdk.get(emulator.endpoint(), "/_emulator/events");
        JsonNode all = json(allResponse);
        JsonNode page = json(Sdk.get(emulator.endpoint(), "/_emulator/events?offset=25&limit=10"));

        assertThat(allResponse.headers().firstValue("X-Total-Count")).hasValue("30");
        assertThat(all.isArray()).isTrue();
        assertThat(all).hasSize(30);
        JsonNode firstRecord = all.get(0);
        assertThat(firstRecord.get("trackingId").asText()).isEqualTo("tracker-1");
        assertThat(firstRecord.get("userId").asText()).isEqualTo("user-1");
        assertThat(firstRecord.get("sessionId").asText()).isEqualTo("s");
        assertThat(firstRecord.get("sentAt").decimalValue()).isEqualByComparingTo("1700000000.123");
        List<String> httpItems = new ArrayList<>();
        all.forEach(r -> httpItems.add(r.get("sequence").asLong() + ":" + r.get("itemId").asText()));
        assertThat(httpItems).containsExactlyElementsOf(emulator.recorded().events().stream()
                .map(e -> e.sequence() + ":" + e.itemId()).toList());
        List<String> pageItems = new ArrayList<>();
        page.forEach(r -> pageItems.add(r.get("itemId").asText()));
        assertThat(pageItems).containsExactly("item-25", "item-26", "item-27", "item-28", "item-29");
        JsonNode stats = json(Sdk.get(emulator.endpoint(), "/_emulator/stats"));
        assertThat(stats.at("/acceptedRecords/events").asInt()).isEqualTo(30);
        assertThat(stats.at("/acceptedCalls/PutEvents").asInt()).isEqualTo(3);

        assertThat(Sdk.delete(emulator.endpoint(), "/_emulator/recorded").statusCode()).isEqualTo(200);
        assertThat(json(Sdk.get(emulator.endpoint(), "/_emulator/events"))).isEmpty();
        assertThat(emulator.recorded().events()).isEmpty();
    }

    @Test
    void tellsWhenEachEventWasAcceptedSoACallerCanMeasureLatency() throws IOException {
        long before = System.currentTimeMillis();
        client.putEvents(r -> r.trackingId("t").sessionId("s").eventList(Payloads.events(3)));
        long between = System.currentTimeMillis();
        client.putEvents(r -> r.trackingId("t").sessionId("s").eventList(Payloads.events(1)));
        long after = System.currentTimeMillis();

        JsonNode all = json(Sdk.get(emulator.endpoint(), "/_emulator/events"));

        assertThat(all).hasSize(4);
        List<Long> accepted = new ArrayList<>();
        all.forEach(r -> accepted.add(r.get("acceptedAtMs").asLong()));
        assertThat(accepted.subList(0, 3)).allSatisfy(ms -> assertThat(ms).isBetween(before, between))
                .containsOnly(accepted.get(0));
        assertThat(accepted.get(3)).isBetween(accepted.get(0), after);
    }

    @Test
    void journalsOneLinePerAcceptedRecord() throws IOException {
        client.putItems(r -> r.datasetArn(DATASET + "ITEMS").items(
                Item.builder().itemId("i-1").properties("{\"genre\":\"Horror|Action\"}").build(),
                Item.builder().itemId("i-2").build()));
        client.putUsers(r -> r.datasetArn(DATASET + "USERS").users(User.builder().userId("u-1").build()));
        client.putEvents(r -> r.trackingId("t").sessionId("s").eventList(Payloads.event().build()));

        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("journal.jsonl"))) {
            lines.add(Json.MAPPER.readTree(line));
        }

        assertThat(lines).extracting(l -> l.get("kind").asText(), l -> l.get("sequence").asLong())
                .containsExactly(tuple("items", 1L), tuple("items", 2L), tuple("users", 3L), tuple("events", 4L));
        assertThat(lines.get(0).get("itemId").asText()).isEqualTo(emulator.recorded().items().get(0).itemId());
        assertThat(lines.get(0).get("properties").asText()).isEqualTo("{\"genre\":\"Horror|Action\"}");
        assertThat(lines.get(0).get("datasetArn").asText()).isEqualTo(DATASET + "ITEMS");
        assertThat(lines.get(2).get("userId").asText()).isEqualTo("u-1");
        assertThat(lines.get(3).get("sentAt").decimalValue())
                .isEqualByComparingTo(emulator.recorded().events().get(0).sentAt());
        assertThat(emulator.recorded().items()).extracting(RecordedItem::itemId).containsExactly("i-1", "i-2");
        assertThat(emulator.recorded().users()).extracting(RecordedUser::userId).containsExactly("u-1");
    }

    @Test
    void recordsEveryCallOfManyConcurrentClientsOnce() throws Exception {
        int threads = 8;
        int callsPerThread = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String user = "user-" + t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < callsPerThread; i++) {
                        String item = user + "-item-" + i;
                        client.putEvents(r -> r.trackingId("t").userId(user).sessionId("s")
                                .eventList(Payloads.event().itemId(item).build()));
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        List<RecordedEvent> events = emulator.recorded().events();
        assertThat(events).hasSize(threads * callsPerThread);
        assertThat(events).extracting(RecordedEvent::itemId).doesNotHaveDuplicates();
        assertThat(events).extracting(RecordedEvent::sequence).doesNotHaveDuplicates().isSorted();
        assertThat(Files.readAllLines(dir.resolve("journal.jsonl"))).hasSize(threads * callsPerThread);
    }

    @Test
    void keepsMemoryBoundedByDroppingTheOldestRecords() {
        try (PersonalizeEmulator small = PersonalizeEmulator.builder().maxRecordsPerOperation(5).build().start();
             PersonalizeEventsClient smallClient = Sdk.noRetry(small.endpoint())) {
            smallClient.putEvents(r -> r.trackingId("t").sessionId("s").eventList(Payloads.events(10)));

            assertThat(small.recorded().events()).extracting(RecordedEvent::itemId)
                    .containsExactly("item-6", "item-7", "item-8", "item-9", "item-10");
            assertThat(small.recorded().evicted(Operation.PUT_EVENTS)).isEqualTo(5);
            assertThat(small.stats().snapshot().acceptedRecords(Operation.PUT_EVENTS)).isEqualTo(10);
        }
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).isEqualTo(200);
        return Json.MAPPER.readTree(response.body());
    }
}
