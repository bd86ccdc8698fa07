package io.lakeloop.streams.collator;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeloop.event.ReasonCode;
import io.lakeloop.streams.collator.health.CollatorMeters;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry the service builds, on a Kafka Streams client that is never started (no broker): names, types and
 * values of the collator's counters, the state gauge, and that the Kafka and JVM binders are there. The same
 * endpoint on a real broker: {@code CollatorServiceIT}.
 */
class CollatorMetersTest {

    @TempDir
    Path stateDir;

    @Test
    void rendersTheCollatorsCountersWithMicrometerNamesAndExactValues() {
        CollatorMetrics metrics = new CollatorMetrics();
        try (KafkaStreams streams = unstarted(metrics); CollatorMeters meters = CollatorMeters.bind(streams, metrics)) {
            for (int i = 0; i < 7; i++) {
                metrics.recordIn();
            }
            metrics.eventsCollated(12);
            metrics.eventOut();
            metrics.duplicateDropped();
            metrics.duplicateDropped();
            metrics.reject(ReasonCode.MISSING_FIELD.name());
            metrics.reject(DeadLetterReason.PROCESSING_FAILED);
            metrics.countDeadLetterWithoutPayload();
            metrics.countOutputRefused();

            System.gc(); // nothing may depend on an object only the registry holds (it holds them weakly)
            String out = meters.scrape();

            assertThat(out).contains(
                    "# TYPE lakeloop_collator_records_in_total counter\nlakeloop_collator_records_in_total 7.0\n",
                    "lakeloop_collator_events_collated_total 12.0\n",
                    "lakeloop_collator_events_out_total 1.0\n",
                    "lakeloop_collator_duplicates_dropped_total 2.0\n",
                    "lakeloop_collator_rejected_total{reason=\"MISSING_FIELD\"} 1.0\n",
                    "lakeloop_collator_rejected_total{reason=\"PROCESSING_FAILED\"} 1.0\n",
                    "lakeloop_collator_rejected_total{reason=\"TIMESTAMP_TOO_OLD\"} 0.0\n",
                    "lakeloop_collator_dead_letters_without_payload_total 1.0\n",
                    "lakeloop_collator_output_refused_total 1.0\n",
                    "lakeloop_collator_state{state=\"CREATED\"} 1.0\n",
                    "lakeloop_collator_state{state=\"RUNNING\"} 0.0\n");
            // every reason code has its series, present at 0 before the first dead letter
            assertThat(out.lines().filter(l -> l.startsWith("lakeloop_collator_rejected_total{")))
                    .hasSize(DeadLetterReason.ALL_CODES.size());
        }
    }

    @Test
    void bindsTheKafkaStreamsClientAndTheJvm() {
        CollatorMetrics metrics = new CollatorMetrics();
        try (KafkaStreams streams = unstarted(metrics); CollatorMeters meters = CollatorMeters.bind(streams, metrics)) {
            String out = meters.scrape();

            assertThat(out).contains("# TYPE kafka_stream_thread_process_total counter\n",
                    "kafka_stream_thread_process_total{",
                    "# TYPE kafka_stream_alive_stream_threads gauge\n",
                    "# TYPE kafka_consumer_fetch_manager_records_lag_max gauge\n",
                    "# TYPE jvm_memory_used_bytes gauge\n", "# TYPE jvm_gc_memory_allocated_bytes_total counter\n",
                    "# TYPE jvm_threads_live_threads gauge\n", "# TYPE jvm_classes_loaded_classes gauge\n",
                    "# TYPE process_cpu_usage gauge\n", "# TYPE process_uptime_seconds gauge\n",
                    "# TYPE system_cpu_count gauge\n");
            // Kafka's kebab-case tags become Prometheus labels, with the client's version
            assertThat(out).containsPattern("kafka_stream_thread_process_total\\{[^}]*kafka_version=\"[0-9.]+\"[^}]*"
                    + "thread_id=\"metrics-test-[^\"]+-StreamThread-1\"");
        }
    }

    @Test
    void closingRemovesEveryMeter() {
        CollatorMetrics metrics = new CollatorMetrics();
        try (KafkaStreams streams = unstarted(metrics)) {
            CollatorMeters meters = CollatorMeters.bind(streams, metrics);
            assertThat(meters.registry().getMeters()).isNotEmpty();
            meters.close();
            assertThat(meters.registry().isClosed()).isTrue();
        }
    }

    private KafkaStreams unstarted(CollatorMetrics metrics) {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", "127.0.0.1:9");
        props.put("application.id", "metrics-test");
        props.put("state.dir", stateDir.toString());
        CollatorConfig config = CollatorConfig.of(props);
        return new KafkaStreams(CollatorTopology.build(config, metrics, new OutputGuard(metrics),
                config.producerMaxRequestSize(), 1), config.streamsProperties());
    }
}
