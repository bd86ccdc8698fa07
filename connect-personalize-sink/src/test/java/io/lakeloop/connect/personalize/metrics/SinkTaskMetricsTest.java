package io.lakeloop.connect.personalize.metrics;

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

class SinkTaskMetricsTest {

    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

    private static SinkTaskMetrics start(String connector, int task) {
        return SinkTaskMetrics.start(connector, task, Duration.ZERO, null);
    }

    private static ObjectName name(String connector, int task) throws Exception {
        return new ObjectName(SinkTaskMetrics.DOMAIN + ":type=" + SinkTaskMetrics.GROUP + ",connector=" + connector
                + ",task=" + task);
    }

    @Test
    void countsAndLatencyPercentilesAreReadableOverJmxUnderKebabCaseNames() throws Exception {
        try (SinkTaskMetrics metrics = start("jmx-test", 3)) {
            metrics.recordsIn(25);
            for (int i = 1; i <= 100; i++) {
                metrics.callStarted();
                metrics.callEnded(i * 1_000_000L); // 1..100 ms
            }
            metrics.sent(20);
            metrics.throttled();
            metrics.retry();
            metrics.deadLettered();
            metrics.deadLetteredWithoutPayload();
            metrics.bufferedGauge(() -> 7);
            metrics.bufferedBytesGauge(() -> 4096L);

            ObjectName name = name("jmx-test", 3);
            assertThat(name).isEqualTo(new ObjectName(metrics.jmxName()));
            assertThat(SERVER.getAttribute(name, "records-in-total")).isEqualTo(25.0);
            assertThat(SERVER.getAttribute(name, "records-sent-total")).isEqualTo(20.0);
            assertThat(SERVER.getAttribute(name, "calls-total")).isEqualTo(100.0);
            assertThat((Double) SERVER.getAttribute(name, "calls-rate")).isPositive();
            assertThat(SERVER.getAttribute(name, "throttled-calls-total")).isEqualTo(1.0);
            assertThat(SERVER.getAttribute(name, "retries-total")).isEqualTo(1.0);
            assertThat(SERVER.getAttribute(name, "records-dead-lettered-total")).isEqualTo(1.0);
            assertThat(SERVER.getAttribute(name, "records-dead-lettered-without-payload-total")).isEqualTo(1.0);
            assertThat(SERVER.getAttribute(name, "in-flight")).isEqualTo(0);
            assertThat(SERVER.getAttribute(name, "buffered-records")).isEqualTo(7);
            assertThat(SERVER.getAttribute(name, "buffered-bytes")).isEqualTo(4096L);
            assertThat((double) SERVER.getAttribute(name, "call-latency-avg")).isEqualTo(50.5);
            assertThat((double) SERVER.getAttribute(name, "call-latency-max")).isEqualTo(100.0);
            // a linear histogram of 10 ms buckets: the 99th percentile of 1..100 ms is read to a bucket's precision
            assertThat((double) SERVER.getAttribute(name, "call-latency-p99")).isBetween(90.0, 110.0);
            assertThat((double) SERVER.getAttribute(name, "call-latency-p50")).isBetween(40.0, 60.0);
            assertThat(metrics.total("records-sent")).isEqualTo(20);
        }
        assertThat(SERVER.isRegistered(name("jmx-test", 3))).as("closing unregisters").isFalse();
    }

    /** Issue 11 item 15: a restarted task registers before the old instance closes; that close must not unregister it. */
    @Test
    void anOldInstanceClosingAfterTheRestartedOneRegisteredLeavesTheNewMBeanInPlace() throws Exception {
        ObjectName name = name("restart-test", 0);
        SinkTaskMetrics old = start("restart-test", 0);
        SinkTaskMetrics restarted = start("restart-test", 0);
        restarted.recordsIn(3);

        old.close();

        assertThat(SERVER.isRegistered(name)).isTrue();
        assertThat(SERVER.getAttribute(name, "records-in-total")).isEqualTo(3.0);
        restarted.close();
        assertThat(SERVER.isRegistered(name)).isFalse();
    }

    @Test
    void theMetricsReferenceListsEveryMetricAsPublished() throws Exception {
        Path doc = Path.of("..", "docs", "metrics.md");
        try (SinkTaskMetrics metrics = start("documented", 0)) {
            assertThat(Arrays.stream(SERVER.getMBeanInfo(name("documented", 0)).getAttributes())
                    .map(MBeanAttributeInfo::getName))
                    .containsExactlyInAnyOrderElementsOf(metrics.specs().stream()
                            .flatMap(s -> s.published().stream()).toList());
            String current = Files.readString(doc, StandardCharsets.UTF_8);
            String generated = MetricsMarkdown.replaceBlock(current, SinkTaskMetrics.GROUP,
                    MetricsMarkdown.table(SinkTaskMetrics.GROUP, metrics.specs()));
            if (Boolean.getBoolean("lakeloop.docs.write")) {
                Files.writeString(doc, generated, StandardCharsets.UTF_8);
            }
            assertThat(current).as("docs/metrics.md's Personalize sink table is stale: regenerate with "
                    + "-Dlakeloop.docs.write=true").isEqualTo(generated);
        }
    }
}
