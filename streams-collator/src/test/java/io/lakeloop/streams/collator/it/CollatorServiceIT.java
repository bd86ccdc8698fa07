package io.lakeloop.streams.collator.it;

import static io.lakeloop.streams.collator.it.Workload.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lakeloop.event.ReasonCode;
import io.lakeloop.lake.LakeRow;
import io.lakeloop.streams.collator.CollatorConfig;
import io.lakeloop.streams.collator.CollatorService;
import io.lakeloop.streams.collator.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The collator service on a real KRaft broker: exact output, DLQ headers, /health, /ready, /metrics. */
class CollatorServiceIT {

    static final Duration TIMEOUT = Duration.ofSeconds(120);
    static TestBroker broker;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = new TestBroker();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    static Map<String, Object> config(String appId, String input, Path stateDir) {
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

    @Test
    void collatesEveryValidEventOnceAndDeadLettersEveryInvalidOne() throws Exception {
        broker.createTopic("raw-a", 3);
        Workload work = new Workload("raw-a", 20, Instant.now().getEpochSecond());

        try (CollatorService service = CollatorService.start(CollatorConfig.of(config("it-a", "raw-a", stateDir)))) {
            int port = service.httpPort();
            await("ready").atMost(TIMEOUT).until(() -> Http.get(port, "/ready").status() == 200);
            assertThat(Http.get(port, "/health").body()).contains("\"status\":\"UP\"", "RUNNING");

            try (KafkaProducer<byte[], byte[]> producer = broker.producer()) {
                work.records.forEach(producer::send);
            }

            await("all lake rows").atMost(TIMEOUT).pollInterval(Duration.ofSeconds(1))
                    .until(() -> broker.readAllCommitted("raw-a.lake", TIMEOUT).size() >= work.lakeCount());
            await("all dead letters").atMost(TIMEOUT).pollInterval(Duration.ofSeconds(1))
                    .until(() -> broker.readAllCommitted("raw-a.dlq", TIMEOUT).size() >= work.deadCount());
            assertExactlyOnce(work, "raw-a");

            String metrics = Http.get(port, "/metrics").body();
            assertThat(metrics).contains("lakeloop_collator_records_in_total " + work.records.size(),
                    "lakeloop_collator_events_out_total " + work.lakeCount(),
                    "lakeloop_collator_duplicates_dropped_total 40",
                    "lakeloop_collator_rejected_total{reason=\"MISSING_FIELD\"} 20",
                    "lakeloop_collator_rejected_total{reason=\"UNDECODABLE\"} 20",
                    "# TYPE kafka_stream_thread_metrics_process_total counter",
                    "kafka_stream_thread_metrics_process_total{");
            assertThat(service.state()).isEqualTo(KafkaStreams.State.RUNNING);
        }
    }

    @Test
    void closeStopsTheServiceCleanly() throws Exception {
        broker.createTopic("raw-c", 1);
        CollatorService service = CollatorService.start(CollatorConfig.of(config("it-c", "raw-c", stateDir)));
        int port = service.httpPort();
        await("ready").atMost(TIMEOUT).until(() -> Http.get(port, "/ready").status() == 200);

        service.close();

        assertThat(service.awaitTermination(Duration.ofSeconds(1))).isEqualTo(CollatorService.EXIT_OK);
        assertThat(service.state()).isEqualTo(KafkaStreams.State.NOT_RUNNING);
        assertThat(Http.get(port, "/health").status()).isEqualTo(-1);
    }

    @Test
    void missingInputTopicIsAClearConfigErrorBeforeStart() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        CollatorService.start(CollatorConfig.of(config("it-m", "no-such-topic", stateDir))))
                .isInstanceOf(org.apache.kafka.common.config.ConfigException.class)
                .hasMessageContaining("collator.input.topics").hasMessageContaining("no-such-topic");
    }

    /** Each valid item exactly once in the lake, each invalid marker exactly as often as expected in the DLQ. */
    static void assertExactlyOnce(Workload work, String input) {
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

    static <T> Map<T, Long> counts(List<T> list) {
        return list.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
}
