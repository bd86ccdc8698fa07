package io.lakeloop.connect.personalize.it;

import static io.lakeloop.connect.personalize.it.SinkFixtures.TIMEOUT;
import static io.lakeloop.connect.personalize.it.SinkFixtures.eventsConnector;
import static io.lakeloop.connect.personalize.it.SinkFixtures.eventsOf;
import static io.lakeloop.connect.personalize.it.SinkFixtures.flat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lakeloop.emulator.PersonalizeEmulator;
import io.lakeloop.emulator.RecordedEvent;
import io.lakeloop.event.EventIds;
import io.lakeloop.testkit.ConnectClusterExtension;
import io.lakeloop.testkit.EmulatorExtension;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 11 item 5: an SMT that renames the topic (RegexRouter). Connect's open/close/preCommit speak of the original
 * partitions; the sink keys its offsets and its position-derived event ids by the original topic and partition, so
 * the offsets of the original partitions are committed to the end and the ids are those of the original positions.
 */
class TopicRenameIT {

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
    void aRenamedTopicCommitsTheOriginalPartitionsAndDerivesIdsFromTheOriginalPositions() throws Exception {
        String topic = "clicks";
        CONNECT.kafka().createTopic(topic, 3);
        Map<String, String> config = eventsConnector(emulator, topic, "tracker-renamed");
        config.put("transforms", "route");
        config.put("transforms.route.type", "org.apache.kafka.connect.transforms.RegexRouter");
        config.put("transforms.route.regex", "(.*)");
        config.put("transforms.route.replacement", "renamed.$1");
        CONNECT.configureConnector("renamed", config);
        CONNECT.awaitConnectorRunning("renamed", 1);

        Set<String> expectedIds = new HashSet<>();
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (int i = 0; i < 60; i++) {
            RecordMetadata sent = CONNECT.kafka().producer().send(new ProducerRecord<>(topic, i % 3, "u" + i,
                    flat("u" + i, "s" + i, "item-" + i, 1_700_000_000L + i))).get();
            expectedIds.add(EventIds.fromPosition(topic, sent.partition(), sent.offset(), 0));
            ends.merge(new TopicPartition(topic, sent.partition()), sent.offset() + 1, Math::max);
        }

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(eventsOf(emulator, "tracker-renamed"))
                .extracting(RecordedEvent::eventId).containsExactlyInAnyOrderElementsOf(expectedIds));
        await().atMost(TIMEOUT).untilAsserted(() -> {
            Map<TopicPartition, OffsetAndMetadata> committed = CONNECT.kafka().adminClient()
                    .listConsumerGroupOffsets("connect-renamed").partitionsToOffsetAndMetadata().get();
            ends.forEach((tp, end) -> assertThat(committed.get(tp)).as("committed offset of " + tp)
                    .isEqualTo(new OffsetAndMetadata(end)));
            assertThat(committed.keySet()).allSatisfy(tp -> assertThat(tp.topic()).isEqualTo(topic));
        });

        // a restart starts from the committed offsets: nothing is sent again under another id, nothing is lost
        CONNECT.rest("POST", "/connectors/renamed/tasks/0/restart", null);
        CONNECT.awaitConnectorRunning("renamed", 1);
        RecordMetadata late = CONNECT.kafka().producer().send(new ProducerRecord<>(topic, 0, "late",
                flat("late", "s", "item-late", 1_700_000_100L))).get();
        expectedIds.add(EventIds.fromPosition(topic, 0, late.offset(), 0));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(eventsOf(emulator, "tracker-renamed"))
                .extracting(RecordedEvent::eventId).containsExactlyInAnyOrderElementsOf(expectedIds));
        assertThat(eventsOf(emulator, "tracker-renamed")).hasSize(expectedIds.size());
        assertThat(CONNECT.connectorStatus("renamed").tasks()).allSatisfy(t -> assertThat(t.state())
                .isEqualTo("RUNNING"));
        CONNECT.deleteConnector("renamed");
    }
}
