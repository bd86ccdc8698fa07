package io.lakeloop.connect.personalize.it;

import static io.lakeloop.connect.personalize.it.SinkFixtures.TIMEOUT;
import static io.lakeloop.connect.personalize.it.SinkFixtures.eventsConnector;
import static io.lakeloop.connect.personalize.it.SinkFixtures.eventsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lakeloop.connect.personalize.DeadLetters;
import io.lakeloop.emulator.PersonalizeEmulator;
import io.lakeloop.emulator.RecordedEvent;
import io.lakeloop.testkit.ConnectClusterExtension;
import io.lakeloop.testkit.EmulatorExtension;
import io.lakeloop.testkit.HostileCorpus;
import io.lakeloop.testkit.HostileRecord;
import io.lakeloop.testkit.KafkaRecord;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.management.ObjectName;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shared hostile corpus, between control events, through the sink on a real Connect worker reading raw bytes:
 * per corpus name the exact outcome ({@link HostileOutcomes}) — the event ids Personalize accepted, or the dead letter
 * with its reason code — the connector and its task RUNNING throughout and after (one task instance: its counters
 * saw every record), every offset committed, and the counts reconciling exactly.
 */
class HostileCorpusIT {

    private static final String TOPIC = "hostile";
    private static final String NAME = "hostile";
    private static final String TRACKER = "tracker-hostile";
    private static final int CONTROLS = 20;

    @RegisterExtension
    static final ConnectClusterExtension CONNECT = ConnectClusterExtension.create();

    @RegisterExtension
    static final EmulatorExtension PERSONALIZE = EmulatorExtension.create();

    private static PersonalizeEmulator emulator;

    @BeforeAll
    static void emulator() {
        emulator = PERSONALIZE.emulator();
    }

    @Test
    void everyHostileRecordIsAcceptedOrDeadLetteredWithItsReasonAndTheTaskKeepsRunning() throws Exception {
        Map<String, HostileRecord> corpus = HostileCorpus.byName();
        assertThat(HostileOutcomes.EXPECTED.keySet()).as("an outcome decided for every corpus record")
                .containsExactlyInAnyOrderElementsOf(corpus.keySet());
        CONNECT.kafka().createTopic(TOPIC, 1, HostileCorpus.TOPIC_CONFIGS);
        Map<String, String> config = eventsConnector(emulator, TOPIC, TRACKER);
        config.put("key.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        config.putAll(ConnectClusterExtension.deadLetterQueueConfig(NAME + ".dlq"));
        CONNECT.configureConnector(NAME, config);
        CONNECT.awaitConnectorRunning(NAME, 1);

        // one partition, produced one by one: offset i is the i-th record of this list
        List<HostileRecord> produced = new ArrayList<>(HostileCorpus.controls(CONTROLS).subList(0, CONTROLS / 2));
        produced.addAll(corpus.values());
        produced.addAll(HostileCorpus.controls(CONTROLS).subList(CONTROLS / 2, CONTROLS));
        CONNECT.kafka().produce(TOPIC, produced);
        assertRunning();

        Set<String> expectedIds = new HashSet<>();
        IntStream.range(0, CONTROLS).mapToObj(HostileCorpus::controlEventId).forEach(expectedIds::add);
        HostileOutcomes.EXPECTED.values().forEach(o -> expectedIds.addAll(o.eventIds()));
        long expectedDead = HostileOutcomes.EXPECTED.values().stream().filter(o -> o.deadLetter() != null).count();

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(eventsOf(emulator, TRACKER))
                .extracting(RecordedEvent::eventId).containsExactlyInAnyOrderElementsOf(expectedIds));
        List<KafkaRecord> dead = CONNECT.readDeadLetters(NAME + ".dlq", (int) expectedDead, TIMEOUT);
        assertThat(dead).hasSize((int) expectedDead);
        assertThat(outcomes(produced, dead)).as("dead letters by corpus name")
                .containsExactlyInAnyOrderEntriesOf(expectedDeadLetters());
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(committed()).isEqualTo(produced.size()));

        // reconciliation: every record either delivered all its events, or dead-lettered, or (the batch) both
        assertThat(eventsOf(emulator, TRACKER)).hasSize(expectedIds.size()); // and none twice
        assertThat(eventsOf(emulator, TRACKER).stream()
                .collect(Collectors.toMap(RecordedEvent::eventId, RecordedEvent::sentAtInstant)))
                .as("each event dated as timestamp.unit=auto reads it").isEqualTo(expectedSentAt(expectedIds));
        long delivered = produced.stream().filter(r -> !HostileOutcomes.EXPECTED.containsKey(r.name())
                || !HostileOutcomes.EXPECTED.get(r.name()).eventIds().isEmpty()).count();
        long both = HostileOutcomes.EXPECTED.values().stream()
                .filter(o -> o.deadLetter() != null && !o.eventIds().isEmpty()).count();
        assertThat(delivered + dead.size() - both).isEqualTo(produced.size());
        assertRunning();
        ObjectName mbean = new ObjectName("io.lakeloop.connect.personalize:type=personalize-sink-task-metrics,"
                + "connector=" + NAME + ",task=0");
        assertThat(ManagementFactory.getPlatformMBeanServer().getAttribute(mbean, "records-in-total"))
                .as("one task instance saw every record: it never restarted").isEqualTo((double) produced.size());
        CONNECT.deleteConnector(NAME);
    }

    /** Controls: their own times; the far-future event: as milliseconds; every other corpus event: its one time. */
    private static Map<String, Instant> expectedSentAt(Set<String> expectedIds) {
        Map<String, Instant> expected = new HashMap<>();
        expectedIds.forEach(id -> expected.put(id, Instant.ofEpochSecond(HostileCorpus.EVENT_TIME_SECONDS)));
        IntStream.range(0, CONTROLS).forEach(i -> expected.put(HostileCorpus.controlEventId(i),
                Instant.ofEpochSecond(HostileCorpus.EVENT_TIME_SECONDS + i)));
        expected.put("h-far-future-event", HostileOutcomes.FAR_FUTURE_SENT_AT);
        return expected;
    }

    private static Map<String, String> expectedDeadLetters() {
        Map<String, String> expected = new HashMap<>();
        HostileOutcomes.EXPECTED.forEach((name, o) -> {
            if (o.deadLetter() != null) {
                expected.put(name, o.deadLetter());
            }
        });
        return expected;
    }

    /** Each dead letter as its corpus name (from its source offset) → code, +nopayload, @index. */
    private static Map<String, String> outcomes(List<HostileRecord> produced, List<KafkaRecord> dead) {
        Map<String, String> byName = new HashMap<>();
        for (KafkaRecord r : dead) {
            String name = produced.get(Integer.parseInt(r.header(DeadLetters.SOURCE_OFFSET_HEADER))).name();
            assertThat(r.header(DeadLetters.SOURCE_TOPIC_HEADER)).isEqualTo(TOPIC);
            assertThat(r.header(DeadLetters.REASON_MESSAGE_HEADER)).as(name).isNotBlank();
            String outcome = r.header(DeadLetters.REASON_CODE_HEADER)
                    + (r.header(DeadLetters.PAYLOAD_DROPPED_HEADER) != null ? "+nopayload" : "")
                    + (r.header(DeadLetters.EVENT_INDEX_HEADER) != null ? "@" + r.header(DeadLetters.EVENT_INDEX_HEADER)
                    : "");
            assertThat(byName.put(name, outcome)).as("one dead letter for " + name).isNull();
        }
        return byName;
    }

    private static long committed() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = CONNECT.kafka().adminClient()
                .listConsumerGroupOffsets("connect-" + NAME).partitionsToOffsetAndMetadata().get();
        OffsetAndMetadata offset = offsets.get(new TopicPartition(TOPIC, 0));
        return offset == null ? -1 : offset.offset();
    }

    private static void assertRunning() {
        ConnectorStateInfo status = CONNECT.connectorStatus(NAME);
        assertThat(status.connector().state()).isEqualTo("RUNNING");
        assertThat(status.tasks()).extracting(ConnectorStateInfo.TaskState::state).containsExactly("RUNNING");
    }
}
