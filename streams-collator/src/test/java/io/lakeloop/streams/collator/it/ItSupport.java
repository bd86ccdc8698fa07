package io.lakeloop.streams.collator.it;

import static io.lakeloop.streams.collator.it.Workload.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakeloop.event.ReasonCode;
import io.lakeloop.lake.LakeRow;
import io.lakeloop.streams.collator.CollatorConfig;
import io.lakeloop.streams.collator.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Config and the exactly-once assertion shared by the collator's integration tests. */
final class ItSupport {

    static final Duration TIMEOUT = Duration.ofSeconds(120);

    private ItSupport() {
    }

    static Map<String, Object> config(TestBroker broker, String appId, String input, Path stateDir) {
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
    static void assertExactlyOnce(TestBroker broker, Workload work, String input) {
        List<ConsumerRecord<byte[], byte[]>> lake = broker.readAllCommitted(input + ".lake", TIMEOUT);
        Map<String, Integer> items = lake.stream().collect(Collectors.toMap(
                r -> LakeRow.fromJson(new String(r.value(), StandardCharsets.UTF_8)).itemId(), r -> 1, Integer::sum));
        assertThat(items).isEqualTo(work.lakeItems);
        assertThat(lake).allSatisfy(r -> assertThat(new String(r.key(), StandardCharsets.UTF_8))
                .isEqualTo(LakeRow.fromJson(new String(r.value(), StandardCharsets.UTF_8)).userId()));

        List<ConsumerRecord<byte[], byte[]>> dead = broker.readAllCommitted(input + ".dlq", TIMEOUT);
        Map<String, Integer> markers = dead.stream().collect(Collectors.toMap(Workload::markerOf, r -> 1, Integer::sum));
        assertThat(markers).isEqualTo(work.deadMarkers);
        Map<String, Long> reasons = dead.stream().collect(Collectors.groupingBy(
                r -> header(r, DeadLetterHeaders.REASON_CODE), Collectors.counting()));
        assertThat(reasons).containsOnlyKeys(ReasonCode.MISSING_FIELD.name(), ReasonCode.UNDECODABLE.name());
        assertThat(dead).allSatisfy(r -> {
            assertThat(header(r, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(input);
            assertThat(header(r, DeadLetterHeaders.SOURCE_PARTITION)).isNotNull();
            assertThat(header(r, DeadLetterHeaders.SOURCE_OFFSET)).isNotNull();
            assertThat(header(r, DeadLetterHeaders.REASON_MESSAGE)).isNotBlank();
        });
        // one dead letter per source record and event index: none was written twice
        assertThat(dead.stream().map(r -> header(r, DeadLetterHeaders.SOURCE_PARTITION) + "/"
                + header(r, DeadLetterHeaders.SOURCE_OFFSET) + "/" + header(r, DeadLetterHeaders.EVENT_INDEX))
                .collect(Collectors.toSet())).hasSize(dead.size());
    }

}
