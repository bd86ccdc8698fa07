package io.lakeloop.streams.collator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeloop.event.ReasonCode;
import io.lakeloop.lake.LakeRow;
import io.lakeloop.streams.collator.CollatorConfig;
import io.lakeloop.streams.collator.DeadLetterHeaders;
import io.lakeloop.testkit.KafkaBrokerExtension;
import io.lakeloop.testkit.KafkaRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Config and the exactly-once assertion shared by the collator's integration tests. */
final class ItSupport {

    static final Duration TIMEOUT = Duration.ofSeconds(120);

    /** A one-node KRaft broker (testkit) with one transaction-log partition: faster first transactions. */
    static KafkaBrokerExtension broker() {
        return KafkaBrokerExtension.create()
                .withBrokerProperty("transaction.state.log.num.partitions", "1")
                .withBrokerProperty("auto.create.topics.enable", "false");
    }

    /** Committed records of {@code topic} now (read_committed). */
    static int committedCount(KafkaBrokerExtension broker, String topic) {
        return broker.client().readAllCommitted(topic, TIMEOUT).size();
    }

    private ItSupport() {
    }

    static Map<String, Object> config(KafkaBrokerExtension broker, String appId, String input, Path stateDir) {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", broker.bootstrapServers());
        props.put("application.id", appId);
        props.put("state.dir", stateDir.toString());
        props.put(CollatorConfig.INPUT_TOPICS_CONFIG, input);
        props.put(CollatorConfig.OUTPUT_TOPIC_CONFIG, input + ".lake");
        props.put(CollatorConfig.DLQ_TOPIC_CONFIG, input + ".dlq");
        props.put(CollatorConfig.HTTP_HOST_CONFIG, "127.0.0.1");
        props.put(CollatorConfig.HTTP_PORT_CONFIG, 0);
        return props;
    }

    /** Each valid item exactly once in the lake, each invalid marker exactly as often as expected in the DLQ. */
    static void assertExactlyOnce(KafkaBrokerExtension broker, Workload work, String input) {
        List<KafkaRecord> lake = broker.client().readAllCommitted(input + ".lake", TIMEOUT);
        Map<String, Integer> items = lake.stream().collect(Collectors.toMap(
                r -> LakeRow.fromJson(r.value()).itemId(), r -> 1, Integer::sum));
        assertThat(items).isEqualTo(work.lakeItems);
        assertThat(lake).allSatisfy(r -> assertThat(r.key())
                .isEqualTo(LakeRow.fromJson(r.value()).userId()));

        List<KafkaRecord> dead = broker.client().readAllCommitted(input + ".dlq", TIMEOUT);
        Map<String, Integer> markers = dead.stream().collect(Collectors.toMap(Workload::markerOf, r -> 1, Integer::sum));
        assertThat(markers).isEqualTo(work.deadMarkers);
        Map<String, Long> reasons = dead.stream().collect(Collectors.groupingBy(
                r -> r.header(DeadLetterHeaders.REASON_CODE), Collectors.counting()));
        assertThat(reasons).containsOnlyKeys(ReasonCode.MISSING_FIELD.name(), ReasonCode.UNDECODABLE.name());
        assertThat(dead).allSatisfy(r -> {
            assertThat(r.header(DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(input);
            assertThat(r.header(DeadLetterHeaders.SOURCE_PARTITION)).isNotNull();
            assertThat(r.header(DeadLetterHeaders.SOURCE_OFFSET)).isNotNull();
            assertThat(r.header(DeadLetterHeaders.REASON_MESSAGE)).isNotBlank();
        });
        // one dead letter per source record and event index: none was written twice
        assertThat(dead.stream().map(r -> r.header(DeadLetterHeaders.SOURCE_PARTITION) + "/"
                + r.header(DeadLetterHeaders.SOURCE_OFFSET) + "/" + r.header(DeadLetterHeaders.EVENT_INDEX))
                .collect(Collectors.toSet())).hasSize(dead.size());
    }

}
