package io.lakeloop.connect.s3.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeloop.metrics.MetricsMarkdown;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class SinkMetricsTest {

    private static SinkMetrics start(String connector, int task, long budget) {
        return SinkMetrics.start(connector, task, Duration.ZERO, null, () -> 0, budget);
    }

    @Test
    void anOldTaskStoppingAfterItsRestartedSuccessorRegisteredLeavesTheSuccessorsMBean() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = SinkMetrics.objectName("restarted", 3);
        SinkMetrics old = start("restarted", 3, 1);
        SinkMetrics successor = start("restarted", 3, 2);
        successor.recordWritten(10);
        successor.flush();

        old.close();
        assertThat(server.isRegistered(name)).isTrue();
        assertThat(server.getAttribute(name, "memory-budget-bytes")).isEqualTo(2L);
        assertThat(server.getAttribute(name, "records-written-total")).isEqualTo(1.0);

        successor.close();
        assertThat(server.isRegistered(name)).isFalse();
    }

    @Test
    void perRecordCountsReachTheSensorsOnFlush() throws Exception {
        try (SinkMetrics metrics = start("flushed", 0, 1)) {
            ObjectName name = SinkMetrics.objectName("flushed", 0);
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            metrics.recordWritten(10);
            metrics.recordWritten(5);
            assertThat(server.getAttribute(name, "records-written-total")).as("before the flush").isEqualTo(0.0);
            metrics.flush();
            assertThat(server.getAttribute(name, "records-written-total")).isEqualTo(2.0);
            assertThat(server.getAttribute(name, "record-bytes-written-total")).isEqualTo(15.0);
        }
    }

    @Test
    void theMetricsReferenceListsEveryMetricAsPublished() throws Exception {
        Path doc = Path.of("..", "docs", "metrics.md");
        try (SinkMetrics metrics = start("documented", 0, 1)) {
            assertThat(Arrays.stream(ManagementFactory.getPlatformMBeanServer()
                    .getMBeanInfo(SinkMetrics.objectName("documented", 0)).getAttributes())
                    .map(MBeanAttributeInfo::getName))
                    .containsExactlyInAnyOrderElementsOf(metrics.specs().stream()
                            .flatMap(s -> s.published().stream()).toList());
            String current = Files.readString(doc, StandardCharsets.UTF_8);
            String generated = MetricsMarkdown.replaceBlock(current, SinkMetrics.GROUP,
                    MetricsMarkdown.table(SinkMetrics.GROUP, metrics.specs()));
            if (Boolean.getBoolean("lakeloop.docs.write")) {
                Files.writeString(doc, generated, StandardCharsets.UTF_8);
            }
            assertThat(current).as("docs/metrics.md's S3 sink table is stale: regenerate with "
                    + "-Dlakeloop.docs.write=true").isEqualTo(generated);
        }
    }

    @Test
    void oddConnectorNamesAreQuotedAsKafkasJmxReporterDoes() throws Exception {
        String connector = "lake, \"s3\"=sink";
        try (SinkMetrics metrics = start(connector, 1, 1)) {
            assertThat(SinkMetrics.objectName(connector, 1)).isEqualTo(new ObjectName(metrics.jmxName()));
            assertThat(ManagementFactory.getPlatformMBeanServer().isRegistered(SinkMetrics.objectName(connector, 1)))
                    .isTrue();
        }
    }
}
