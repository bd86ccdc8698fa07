package io.lakeloop.streams.collator.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeloop.streams.collator.CollatorMetrics;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    static Metric metric(MetricName name, Object value) {
        return new Metric() {
            @Override
            public MetricName metricName() {
                return name;
            }

            @Override
            public Object metricValue() {
                return value;
            }
        };
    }

    @Test
    void rendersKafkaMetricsAsFamiliesWithLabelsAndTypes() {
        Map<MetricName, Metric> m = new LinkedHashMap<>();
        MetricName a = new MetricName("process-total", "stream-thread-metrics", "Records processed",
                Map.of("thread-id", "t-1"));
        MetricName b = new MetricName("process-total", "stream-thread-metrics", "Records processed",
                Map.of("thread-id", "t\"2\\"));
        MetricName rate = new MetricName("process-rate", "stream-thread-metrics", "", Map.of());
        MetricName text = new MetricName("version", "app-info", "", Map.of());
        m.put(a, metric(a, 12.0));
        m.put(b, metric(b, 3.0));
        m.put(rate, metric(rate, Double.NaN));
        m.put(text, metric(text, "4.1.2"));

        String out = PrometheusText.render(m, new CollatorMetrics());

        assertThat(out).contains("# TYPE kafka_stream_thread_metrics_process_total counter\n"
                + "kafka_stream_thread_metrics_process_total{thread_id=\"t-1\"} 12\n"
                + "kafka_stream_thread_metrics_process_total{thread_id=\"t\\\"2\\\\\"} 3\n");
        assertThat(out).contains("# TYPE kafka_stream_thread_metrics_process_rate gauge\n"
                + "kafka_stream_thread_metrics_process_rate NaN\n");
        assertThat(out).doesNotContain("4.1.2").doesNotContain("app_info_version");
        assertThat(out.split("# TYPE kafka_stream_thread_metrics_process_total", -1)).hasSize(2);
    }

    @Test
    void rendersTheCollatorCountersWithEveryReason() {
        String out = PrometheusText.render(Map.of(), new CollatorMetrics());

        assertThat(out).contains("lakeloop_collator_records_in_total 0\n", "lakeloop_collator_events_out_total 0\n",
                "lakeloop_collator_duplicates_dropped_total 0\n", "lakeloop_collator_events_collated_total 0\n",
                "lakeloop_collator_rejected_total{reason=\"TIMESTAMP_TOO_OLD\"} 0\n",
                "lakeloop_collator_rejected_total{reason=\"PROCESSING_FAILED\"} 0\n",
                "lakeloop_collator_rejected_total{reason=\"OUTPUT_REFUSED\"} 0\n",
                "lakeloop_collator_dead_letters_without_payload_total 0\n",
                "lakeloop_collator_output_refused_total 0\n",
                "# TYPE lakeloop_collator_rejected_total counter\n");
        assertThat(out.lines().filter(l -> l.startsWith("lakeloop_collator_rejected_total{")))
                .hasSize(io.lakeloop.event.ReasonCode.values().length + 2);
    }

    @Test
    void formatsNumbersAsPrometheusExpects() {
        assertThat(PrometheusText.format(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
        assertThat(PrometheusText.format(-0.5)).isEqualTo("-0.5");
        assertThat(PrometheusText.format(1e20)).isEqualTo("1.0E20");
        assertThat(PrometheusText.sanitize("9-lives.x")).isEqualTo("_9_lives_x");
    }

    @Test
    void liveUnlessFailedOrStopped() {
        assertThat(HealthServer.isAlive(KafkaStreams.State.REBALANCING)).isTrue();
        assertThat(HealthServer.isAlive(KafkaStreams.State.RUNNING)).isTrue();
        assertThat(HealthServer.isAlive(KafkaStreams.State.CREATED)).isTrue();
        assertThat(HealthServer.isAlive(KafkaStreams.State.ERROR)).isFalse();
        assertThat(HealthServer.isAlive(KafkaStreams.State.NOT_RUNNING)).isFalse();
    }
}
