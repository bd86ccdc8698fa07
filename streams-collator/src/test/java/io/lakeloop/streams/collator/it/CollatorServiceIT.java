package io.lakeloop.streams.collator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lakeloop.streams.collator.CollatorConfig;
import io.lakeloop.streams.collator.CollatorService;
import io.lakeloop.streams.collator.DeadLetterReason;
import io.lakeloop.testkit.KafkaBrokerExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The collator service on a real KRaft broker: exact output, DLQ headers, /health, /ready, /metrics. */
class CollatorServiceIT {

    static final Duration TIMEOUT = ItSupport.TIMEOUT;
    @RegisterExtension
    static final KafkaBrokerExtension broker = ItSupport.broker();

    @TempDir
    Path stateDir;

    @Test
    void collatesEveryValidEventOnceAndDeadLettersEveryInvalidOne() throws Exception {
        broker.createTopic("raw-a", 3);
        Workload work = new Workload("raw-a", 20, Instant.now().getEpochSecond());

        try (CollatorService service = CollatorService.start(CollatorConfig.of(ItSupport.config(broker, "it-a", "raw-a", stateDir)))) {
            int port = service.httpPort();
            await("ready").atMost(TIMEOUT).until(() -> Http.get(port, "/ready").status() == 200);
            assertThat(Http.get(port, "/health").body()).contains("\"status\":\"UP\"", "RUNNING");

            KafkaProducer<byte[], byte[]> producer = broker.client().bytesProducer();
            work.records.forEach(producer::send);
            producer.flush();

            await("all lake rows").atMost(TIMEOUT).pollInterval(Duration.ofSeconds(1))
                    .until(() -> ItSupport.committedCount(broker, "raw-a.lake") >= work.lakeCount());
            await("all dead letters").atMost(TIMEOUT).pollInterval(Duration.ofSeconds(1))
                    .until(() -> ItSupport.committedCount(broker, "raw-a.dlq") >= work.deadCount());
            ItSupport.assertExactlyOnce(broker, work, "raw-a");

            // the endpoint, scraped over HTTP: exact counts for the known workload (nothing was aborted and re-processed)
            Http.Response scrape = Http.get(port, "/metrics");
            assertThat(scrape.contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
            Map<String, String> samples = samples(scrape.body(), "lakeloop_collator_");
            Map<String, String> expected = new TreeMap<>();
            for (String reason : DeadLetterReason.ALL_CODES) {
                expected.put("lakeloop_collator_rejected_total{reason=\"" + reason + "\"}", "0.0");
            }
            expected.put("lakeloop_collator_rejected_total{reason=\"MISSING_FIELD\"}", "20.0");
            expected.put("lakeloop_collator_rejected_total{reason=\"UNDECODABLE\"}", "20.0");
            expected.put("lakeloop_collator_records_in_total", work.records.size() + ".0");
            expected.put("lakeloop_collator_events_collated_total", (work.lakeCount() + 40) + ".0");
            expected.put("lakeloop_collator_events_out_total", work.lakeCount() + ".0");
            expected.put("lakeloop_collator_duplicates_dropped_total", "40.0");
            expected.put("lakeloop_collator_dead_letters_without_payload_total", "0.0");
            expected.put("lakeloop_collator_output_refused_total", "0.0");
            for (KafkaStreams.State s : KafkaStreams.State.values()) {
                expected.put("lakeloop_collator_state{state=\"" + s + "\"}", s == KafkaStreams.State.RUNNING ? "1.0" : "0.0");
            }
            assertThat(samples).isEqualTo(expected);
            assertThat(scrape.body()).contains("\n# TYPE kafka_stream_thread_process_total counter\n",
                    "\n# TYPE kafka_stream_client_state gauge\n", "\n# TYPE jvm_memory_used_bytes gauge\n",
                    "\n# TYPE jvm_threads_live_threads gauge\n", "\n# TYPE process_cpu_usage gauge\n");
            // partitions assigned after the binder first looked show up at its next refresh: the input's lag, per
            // partition, all caught up
            await("per-partition lag of the input topic").atMost(TIMEOUT).pollInterval(Duration.ofSeconds(1))
                    .until(() -> samples(Http.get(port, "/metrics").body(), "kafka_consumer_fetch_manager_records_lag{")
                            .entrySet().stream().filter(e -> e.getKey().contains("topic=\"raw-a\""))
                            .filter(e -> e.getValue().equals("0.0")).count() == 3);
            assertThat(service.state()).isEqualTo(KafkaStreams.State.RUNNING);
        }
    }

    /** The samples of the families starting with {@code prefix}: series (name and labels) to value. */
    static Map<String, String> samples(String exposition, String prefix) {
        Map<String, String> out = new TreeMap<>();
        exposition.lines().filter(l -> l.startsWith(prefix))
                .forEach(l -> out.put(l.substring(0, l.lastIndexOf(' ')), l.substring(l.lastIndexOf(' ') + 1)));
        return out;
    }

    @Test
    void closeStopsTheServiceCleanly() throws Exception {
        broker.createTopic("raw-c", 1);
        CollatorService service = CollatorService.start(CollatorConfig.of(ItSupport.config(broker, "it-c", "raw-c", stateDir)));
        int port = service.httpPort();
        await("ready").atMost(TIMEOUT).until(() -> Http.get(port, "/ready").status() == 200);

        service.close();

        assertThat(service.awaitTermination(Duration.ofSeconds(1))).isEqualTo(CollatorService.EXIT_OK);
        assertThat(service.state()).isEqualTo(KafkaStreams.State.NOT_RUNNING);
        assertThat(Http.get(port, "/health").status()).isEqualTo(-1);
    }

    @Test
    void fatalStreamErrorShutsTheClientDownAndEndsNonZero() throws Exception {
        broker.createTopic("raw-f", 1);
        Map<String, Object> props = ItSupport.config(broker, "it-f", "raw-f", stateDir);
        props.put("metadata.max.age.ms", 1000);
        try (CollatorService service = CollatorService.start(CollatorConfig.of(props))) {
            int port = service.httpPort();
            await("ready").atMost(TIMEOUT).until(() -> Http.get(port, "/ready").status() == 200);

            broker.adminClient().deleteTopics(List.of("raw-f")).all().get();

            assertThat(service.awaitTermination(TIMEOUT)).isEqualTo(CollatorService.EXIT_FAILED);
            assertThat(service.state()).isEqualTo(KafkaStreams.State.ERROR);
            assertThat(Http.get(port, "/health").status()).isEqualTo(503);
            assertThat(Http.get(port, "/ready").status()).isEqualTo(503);
        }
    }

    @Test
    void missingInputTopicIsAClearConfigErrorBeforeStart() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        CollatorService.start(CollatorConfig.of(ItSupport.config(broker, "it-m", "no-such-topic", stateDir))))
                .isInstanceOf(org.apache.kafka.common.config.ConfigException.class)
                .hasMessageContaining("collator.input.topics").hasMessageContaining("no-such-topic");
    }
}
