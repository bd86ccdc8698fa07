package io.lakeloop.connect.personalize.it;

import static io.lakeloop.connect.personalize.it.SinkFixtures.TIMEOUT;
import static io.lakeloop.connect.personalize.it.SinkFixtures.eventsConnector;
import static io.lakeloop.connect.personalize.it.SinkFixtures.eventsOf;
import static io.lakeloop.connect.personalize.it.SinkFixtures.flat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lakeloop.connect.personalize.DeadLetters;
import io.lakeloop.emulator.InjectedErrors;
import io.lakeloop.emulator.PersonalizeEmulator;
import io.lakeloop.emulator.RecordedEvent;
import io.lakeloop.event.ReasonCode;
import io.lakeloop.testkit.ConnectClusterExtension;
import io.lakeloop.testkit.EmulatorExtension;
import io.lakeloop.testkit.KafkaRecord;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A stream mixing good records with bad ones of every reason code PutEvents can meet. */
class DeadLetterIT {

    @RegisterExtension
    static final ConnectClusterExtension CONNECT = ConnectClusterExtension.create();

    @RegisterExtension
    static final EmulatorExtension PERSONALIZE = EmulatorExtension.create();

    private static PersonalizeEmulator emulator;

    @BeforeAll
    static void emulator() {
        emulator = PERSONALIZE.emulator();
    }

    private static String ev(String extra) {
        return "{\"user_id\":\"u\",\"session_id\":\"s\",\"item_id\":\"bad\",\"event_type\":\"click\","
                + "\"timestamp\":1700000000" + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    /**
     * One bad record per reason code. TIMESTAMP_TOO_OLD is left out: it needs a maximum age, which only the
     * collator sets (PutEvents takes events of any age).
     */
    static Map<String, ReasonCode> badRecords() {
        Map<String, ReasonCode> bad = new LinkedHashMap<>();
        bad.put("{not json", ReasonCode.UNDECODABLE);
        bad.put("[1,2]", ReasonCode.NOT_AN_OBJECT);
        bad.put("{\"user_id\":\"u\",\"session_id\":\"s\",\"timestamp\":1700000000}", ReasonCode.MISSING_FIELD);
        bad.put(ev("").replace("\"click\"", "\"\""), ReasonCode.EMPTY_FIELD);
        bad.put(ev("").replace("\"bad\"", "\"" + "x".repeat(257) + "\""), ReasonCode.FIELD_TOO_LONG);
        bad.put(ev("\"event_value\":[1]"), ReasonCode.WRONG_TYPE);
        bad.put("{\"user_id\":\"u\",\"session_id\":\"s\",\"event_list\":[]}", ReasonCode.EMPTY_EVENT_LIST);
        bad.put(ev("\"impression\":[" + "\"a\",".repeat(25) + "\"z\"]"), ReasonCode.IMPRESSION_SIZE);
        bad.put(ev("\"properties\":\"[1]\""), ReasonCode.PROPERTIES_NOT_JSON);
        bad.put(ev("\"properties\":{\"k\":\"" + "x".repeat(1100) + "\"}"), ReasonCode.PROPERTIES_TOO_LONG);
        bad.put(ev("\"properties\":{\"UserId\":\"x\"}"), ReasonCode.PROPERTIES_RESERVED_KEY);
        bad.put(ev("\"event_value\":1e39"), ReasonCode.EVENT_VALUE_INVALID);
        bad.put(ev("\"metric_attribution\":{\"eventAttributionSource\":\"   \"}"), ReasonCode.ATTRIBUTION_SOURCE_INVALID);
        bad.put(ev("").replace("1700000000", "\"soon\""), ReasonCode.TIMESTAMP_UNPARSEABLE);
        bad.put(ev("").replace("1700000000", "\"NaN\""), ReasonCode.TIMESTAMP_NOT_FINITE);
        bad.put(ev("").replace("1700000000", "-1"), ReasonCode.TIMESTAMP_NEGATIVE);
        bad.put(ev("").replace("1700000000", "4102444800"), ReasonCode.TIMESTAMP_IN_FUTURE);
        return bad;
    }

    @Test
    void goodRecordsAllArriveAndEveryBadOneIsDeadLetteredWithItsReason() {
        Map<String, ReasonCode> bad = badRecords();
        assertThat(EnumSet.copyOf(bad.values())).containsExactlyInAnyOrderElementsOf(
                EnumSet.complementOf(EnumSet.of(ReasonCode.TIMESTAMP_TOO_OLD)));
        String topic = "mixed";
        CONNECT.kafka().createTopic(topic, 1);
        Map<String, String> config = eventsConnector(emulator, topic, "tracker-mixed");
        config.putAll(ConnectClusterExtension.deadLetterQueueConfig("mixed.dlq"));
        CONNECT.configureConnector("mixed", config);
        CONNECT.awaitConnectorRunning("mixed", 1);

        List<String> values = new ArrayList<>();
        List<String> badValues = new ArrayList<>(bad.keySet());
        for (int i = 0; i < 60; i++) {
            values.add(flat("u" + (i % 7), "s" + (i % 7), "good-" + i, 1_700_000_000L + i));
            if (i % 3 == 0 && !badValues.isEmpty()) {
                values.add(badValues.remove(0));
            }
        }
        values.addAll(badValues);
        // a tracker batch whose middle event is bad: the good ones go on, only the bad one goes to the DLQ
        values.add("{\"user_id\":\"b\",\"session_id\":\"sb\",\"event_list\":["
                + "{\"eventType\":\"click\",\"itemId\":\"good-batch-0\",\"sentAt\":1700000000},"
                + "{\"eventType\":\"click\",\"sentAt\":\"soon\"},"
                + "{\"eventType\":\"click\",\"itemId\":\"good-batch-2\",\"sentAt\":1700000000}]}");
        values.forEach(v -> CONNECT.kafka().produce(topic, "k", v));

        Set<String> expectedGood = IntStream.range(0, 60).mapToObj(i -> "good-" + i).collect(Collectors.toSet());
        expectedGood.add("good-batch-0");
        expectedGood.add("good-batch-2");
        await().atMost(TIMEOUT).untilAsserted(() ->
                assertThat(eventsOf(emulator, "tracker-mixed")).hasSize(expectedGood.size()));
        assertThat(eventsOf(emulator, "tracker-mixed")).extracting(RecordedEvent::itemId)
                .containsExactlyInAnyOrderElementsOf(expectedGood);

        List<KafkaRecord> dead = CONNECT.readDeadLetters("mixed.dlq", bad.size() + 1, TIMEOUT);
        assertThat(dead).hasSize(bad.size() + 1);
        Map<String, String> codeByValue = new LinkedHashMap<>();
        for (KafkaRecord r : dead) {
            codeByValue.put(r.value(), r.header(DeadLetters.REASON_CODE_HEADER));
            assertThat(r.header(DeadLetters.REASON_MESSAGE_HEADER)).isNotBlank();
            assertThat(r.header("__connect.errors.topic")).isEqualTo(topic);
            assertThat(r.header("__connect.errors.partition")).isEqualTo("0");
            assertThat(r.header("__connect.errors.offset")).isNotBlank();
            assertThat(r.header("__connect.errors.exception.message"))
                    .startsWith(r.header(DeadLetters.REASON_CODE_HEADER) + ": ");
        }
        bad.forEach((value, code) -> assertThat(codeByValue).as(code.name()).containsEntry(value, code.name()));
        String onlyTheBadEvent = "{\"user_id\":\"b\",\"session_id\":\"sb\",\"event_list\":["
                + "{\"eventType\":\"click\",\"sentAt\":\"soon\"}]}";
        assertThat(codeByValue).containsEntry(onlyTheBadEvent, ReasonCode.TIMESTAMP_UNPARSEABLE.name());
        assertThat(dead).filteredOn(r -> onlyTheBadEvent.equals(r.value())).singleElement()
                .satisfies(r -> assertThat(r.header(DeadLetters.EVENT_INDEX_HEADER)).isEqualTo("1"));
        assertThat(CONNECT.connectorStatus("mixed").tasks()).extracting(ConnectorStateInfo.TaskState::state)
                .containsOnly("RUNNING");
        CONNECT.deleteConnector("mixed");
    }

    /**
     * Issue 11 item 15: Personalize rejects one event of a tracker batch whose others it accepted. Only that event is
     * dead-lettered, so replaying the dead letter into the topic sends it alone: no event arrives twice.
     */
    @Test
    void aBatchEventPersonalizeRejectsIsDeadLetteredAloneAndItsReplayDuplicatesNothing() {
        String topic = "replay";
        CONNECT.kafka().createTopic(topic, 1);
        Map<String, String> config = eventsConnector(emulator, topic, "tracker-replay");
        config.putAll(ConnectClusterExtension.deadLetterQueueConfig("replay.dlq"));
        CONNECT.configureConnector("replay", config);
        CONNECT.awaitConnectorRunning("replay", 1);
        // the call of three fails, then its first half (event 0): bisection isolates event 0 and sends 1 and 2
        emulator.errors().add(new InjectedErrors.Rule(400, "InvalidInputException", "1 validation error", 2));

        CONNECT.kafka().produce(topic, "u", "{\"user_id\":\"u\",\"session_id\":\"s\",\"event_list\":["
                + "{\"eventType\":\"click\",\"itemId\":\"r0\",\"sentAt\":1700000000},"
                + "{\"eventType\":\"click\",\"itemId\":\"r1\",\"sentAt\":1700000001},"
                + "{\"eventType\":\"click\",\"itemId\":\"r2\",\"sentAt\":1700000002}]}");

        KafkaRecord letter = CONNECT.readDeadLetters("replay.dlq", 1, TIMEOUT).get(0);
        assertThat(letter.header(DeadLetters.REASON_CODE_HEADER)).isEqualTo(DeadLetters.SERVICE_REJECTED);
        assertThat(letter.header(DeadLetters.EVENT_INDEX_HEADER)).isEqualTo("0");
        assertThat(letter.value()).contains("r0").doesNotContain("r1").doesNotContain("r2");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(eventsOf(emulator, "tracker-replay"))
                .extracting(RecordedEvent::itemId).containsExactlyInAnyOrder("r1", "r2"));

        CONNECT.kafka().produce(topic, letter.key(), letter.value()); // the replay, once the cause is fixed

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(eventsOf(emulator, "tracker-replay"))
                .extracting(RecordedEvent::itemId).containsExactlyInAnyOrder("r0", "r1", "r2"));
        assertThat(CONNECT.kafka().consumeAll("replay.dlq", TIMEOUT)).hasSize(1);
        assertThat(CONNECT.connectorStatus("replay").tasks()).extracting(ConnectorStateInfo.TaskState::state)
                .containsOnly("RUNNING");
        CONNECT.deleteConnector("replay");
    }

    @Test
    void withoutToleranceABadRecordFailsTheTaskWithItsPositionAndReason() {
        String topic = "strict";
        CONNECT.kafka().createTopic(topic, 1);
        CONNECT.configureConnector("strict", eventsConnector(emulator, topic, "tracker-strict"));
        CONNECT.awaitConnectorRunning("strict", 1);
        CONNECT.kafka().produce(topic, "k", flat("u", "s", "before", 1_700_000_000L));
        CONNECT.kafka().produce(topic, "k", "{\"user_id\":\"u\",\"session_id\":\"s\",\"timestamp\":1700000000}");

        await().atMost(TIMEOUT).untilAsserted(() -> {
            ConnectorStateInfo.TaskState task = CONNECT.connectorStatus("strict").tasks().get(0);
            assertThat(task.state()).isEqualTo("FAILED");
            assertThat(task.trace()).contains("strict/0/1").contains("MISSING_FIELD").contains("errors.tolerance");
        });
        CONNECT.deleteConnector("strict");
    }
}
