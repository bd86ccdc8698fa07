package io.lakeloop.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import javax.management.MBeanAttributeInfo;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class MetricsMarkdownTest {

    @Test
    void theSpecsNameExactlyWhatJmxPublishes() throws Exception {
        try (TaskMetrics metrics = TaskMetrics.builder("io.lakeloop.test", "doc-task-metrics")
                .tag("connector", "c-" + UUID.randomUUID()).tag("task", "0").logInterval(Duration.ZERO).build()) {
            metrics.counter("records-in", "Records in");
            metrics.latency("call-latency", "A call", 1_000);
            metrics.gauge("in-flight", "Calls | in flight", () -> 1);

            List<String> published = metrics.specs().stream().flatMap(s -> s.published().stream()).toList();
            assertThat(Arrays.stream(ManagementFactory.getPlatformMBeanServer()
                    .getMBeanInfo(new ObjectName(metrics.jmxName())).getAttributes()).map(MBeanAttributeInfo::getName))
                    .containsExactlyInAnyOrderElementsOf(published);
            assertThat(MetricsMarkdown.table(metrics.group(), metrics.specs())).isEqualTo(MetricsMarkdown.HEADER
                    + "| `records-in-total` | `lakeloop_doc_records_in_total` | counter | Records in |\n"
                    + "| `records-in-rate` | `lakeloop_doc_records_in_rate` | rate, per second | Records in |\n"
                    + "| `call-latency-avg` | `lakeloop_doc_call_latency_avg` | latency, ms | A call |\n"
                    + "| `call-latency-max` | `lakeloop_doc_call_latency_max` | latency, ms | A call |\n"
                    + "| `call-latency-p50` | `lakeloop_doc_call_latency_p50` | latency, ms | A call |\n"
                    + "| `call-latency-p99` | `lakeloop_doc_call_latency_p99` | latency, ms | A call |\n"
                    + "| `in-flight` | `lakeloop_doc_in_flight` | gauge | Calls \\| in flight |\n");
        }
    }

    @Test
    void prometheusNamesFollowTheExportersRule() {
        assertThat(MetricsMarkdown.prometheusName("s3-sink-task-metrics", "records-landed-total"))
                .isEqualTo("lakeloop_s3_sink_records_landed_total");
        assertThat(MetricsMarkdown.prometheusName("personalize-sink-task-metrics", "call-latency-p99"))
                .isEqualTo("lakeloop_personalize_sink_call_latency_p99");
        assertThat(MetricsMarkdown.prometheusName("other", "x")).isEqualTo("lakeloop_other_x");
    }

    @Test
    void aBlockIsReplacedBetweenItsMarkersOnly() {
        String doc = "intro\n<!-- metrics:g -->\nold\n<!-- /metrics:g -->\nafter\n<!-- metrics:h -->\nkeep\n<!-- /metrics:h -->\n";
        assertThat(MetricsMarkdown.replaceBlock(doc, "g", "new\n"))
                .isEqualTo("intro\n<!-- metrics:g -->\nnew\n<!-- /metrics:g -->\nafter\n<!-- metrics:h -->\nkeep\n"
                        + "<!-- /metrics:h -->\n");
        assertThatThrownBy(() -> MetricsMarkdown.replaceBlock(doc, "x", "t")).hasMessageContaining("metrics:x");
    }
}
