package io.lakeloop.connect.s3;

import static io.lakeloop.connect.s3.ItSupport.linesSoFar;
import static io.lakeloop.connect.s3.ItSupport.sinkConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lakeloop.testkit.ConnectClusterExtension;
import io.lakeloop.testkit.S3ProxyExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Replays on a real Connect worker: a deliberate one (consumer group reset + replay.generation), a topic deleted and
 * recreated under the same name, and topics renamed by an SMT (offsets committed for the partitions Connect assigned).
 */
class S3SinkReplayIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @RegisterExtension
    static final S3ProxyExtension S3 = S3ProxyExtension.create();

    @RegisterExtension
    static final ConnectClusterExtension CONNECT = ConnectClusterExtension.create();

    private static Map<String, String> config(String topic, String... extra) {
        List<String> kv = new ArrayList<>(List.of("s3.key.prefix", topic + "/", "time.source", "wallclock",
                "rotate.records", "5", "rotate.schedule.interval.ms", "1500"));
        kv.addAll(List.of(extra));
        return sinkConfig(S3, topic, "upstream", kv.toArray(String[]::new));
    }

    private static List<String> produce(String topic, String log, int count) throws Exception {
        List<String> values = IntStream.range(0, count).mapToObj(i -> "{\"log\":\"" + log + "\",\"i\":" + i + "}").toList();
        ItSupport.produceAll(CONNECT, topic, values, i -> 0);
        return values;
    }

    @Test
    void aDeliberateReplayWritesTheRecordsAgainUnderKeysOfTheNewGeneration() throws Exception {
        CONNECT.kafka().createTopic("replayed", 1);
        List<String> sent = produce("replayed", "a", 10);
        CONNECT.configureConnector("replayed", config("replayed"));
        await().atMost(TIMEOUT).until(() -> linesSoFar(S3, "upstream", "replayed/").size() == 10);
        awaitCommitted("replayed", new TopicPartition("replayed", 0), 10);
        CONNECT.deleteConnector("replayed");

        // the documented procedure: stop, reset the group, raise replay.generation, start
        // (the group accepts it once the deleted connector's consumer has left it)
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> CONNECT.kafka().adminClient()
                .alterConsumerGroupOffsets("connect-replayed",
                        Map.of(new TopicPartition("replayed", 0), new OffsetAndMetadata(0))).all().get());
        CONNECT.configureConnector("replayed", config("replayed", "replay.generation", "1"));
        List<String> twice = new ArrayList<>(sent);
        twice.addAll(sent);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(linesSoFar(S3, "upstream", "replayed/"))
                .containsExactlyInAnyOrderElementsOf(twice));
        assertThat(S3.listKeys("upstream", "replayed/")).filteredOn(k -> k.contains("+g1.")).isNotEmpty();
        assertRunning("replayed");
        CONNECT.deleteConnector("replayed");
    }

    @Test
    void aTopicDeletedAndRecreatedUnderTheSameNameLandsItsRecordsBesideTheOldOnes() throws Exception {
        CONNECT.kafka().createTopic("recreated", 1);
        List<String> expected = new ArrayList<>(produce("recreated", "old", 10));
        CONNECT.configureConnector("recreated", config("recreated"));
        await().atMost(TIMEOUT).until(() -> linesSoFar(S3, "upstream", "recreated/").size() == 10);
        CONNECT.deleteConnector("recreated");

        CONNECT.kafka().adminClient().deleteTopics(List.of("recreated")).all().get();
        await().atMost(TIMEOUT).ignoreExceptions().until(() ->
                !CONNECT.kafka().adminClient().listTopics().names().get().contains("recreated"));
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> CONNECT.kafka().createTopic("recreated", 1));
        expected.addAll(produce("recreated", "new", 4));
        CONNECT.configureConnector("recreated", config("recreated"));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(linesSoFar(S3, "upstream", "recreated/"))
                .containsExactlyInAnyOrderElementsOf(expected));
        assertThat(S3.listKeys("upstream", "recreated/")).filteredOn(k -> k.contains("+e1.")).isNotEmpty();
        assertRunning("recreated");
        CONNECT.deleteConnector("recreated");
    }

    @Test
    void topicsRenamedByAnSmtLandOnceAndTheirOffsetsAreCommitted() throws Exception {
        CONNECT.kafka().createTopic("raw.routed", 2);
        List<String> values = IntStream.range(0, 20).mapToObj(i -> "{\"routed\":" + i + "}").toList();
        ItSupport.produceAll(CONNECT, "raw.routed", values, i -> i % 2);
        CONNECT.configureConnector("routed", config("raw.routed", "s3.key.prefix", "routed/",
                "transforms", "route", "transforms.route.type", "org.apache.kafka.connect.transforms.RegexRouter",
                "transforms.route.regex", "raw\\.(.*)", "transforms.route.replacement", "$1"));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(linesSoFar(S3, "upstream", "routed/"))
                .containsExactlyInAnyOrderElementsOf(values));
        assertThat(S3.listKeys("upstream", "routed/")).allMatch(k -> k.matches("routed/.*/routed\\+[01]\\+\\d{20}\\.jsonl\\.gz"));
        awaitCommitted("routed", new TopicPartition("raw.routed", 0), 10);
        awaitCommitted("routed", new TopicPartition("raw.routed", 1), 10);
        assertThat(S3.listKeys("upstream", "_lakeloop/s3-sink-state/routed/"))
                .containsExactlyInAnyOrder("_lakeloop/s3-sink-state/routed/raw.routed/0.json",
                        "_lakeloop/s3-sink-state/routed/raw.routed/1.json");
        assertRunning("routed");
        CONNECT.deleteConnector("routed");
    }

    private static void awaitCommitted(String connector, TopicPartition tp, long offset) {
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> assertThat(CONNECT.kafka().adminClient()
                .listConsumerGroupOffsets("connect-" + connector).partitionsToOffsetAndMetadata().get().get(tp).offset())
                .isEqualTo(offset));
    }

    private static void assertRunning(String connector) {
        var status = CONNECT.connectorStatus(connector);
        assertThat(status.connector().state()).isEqualTo("RUNNING");
        assertThat(status.tasks()).allSatisfy(t -> assertThat(t.state()).isEqualTo("RUNNING"));
        assertThat(Set.of(status.tasks().size())).containsExactly(1);
    }
}
