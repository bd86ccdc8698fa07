package io.lakeloop.connect.personalize.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class SinkTaskMetricsTest {

    @Test
    void countsAndLatencyPercentilesAreReadableOverJmx() throws Exception {
        try (SinkTaskMetrics metrics = new SinkTaskMetrics()) {
            metrics.register("jmx-test", 3);
            metrics.recordsIn(25);
            for (int i = 1; i <= 100; i++) {
                metrics.callStarted();
                metrics.callEnded(i * 1_000_000L); // 1..100 ms
            }
            metrics.sent(20);
            metrics.throttled();
            metrics.retry();
            metrics.deadLettered();
            metrics.bufferedGauge(() -> 7);

            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName(SinkTaskMetrics.DOMAIN
                    + ":type=personalize-sink-task-metrics,connector=\"jmx-test\",task=3");
            assertThat(server.getAttribute(name, "RecordsIn")).isEqualTo(25L);
            assertThat(server.getAttribute(name, "RecordsSent")).isEqualTo(20L);
            assertThat(server.getAttribute(name, "Calls")).isEqualTo(100L);
            assertThat(server.getAttribute(name, "ThrottledCalls")).isEqualTo(1L);
            assertThat(server.getAttribute(name, "Retries")).isEqualTo(1L);
            assertThat(server.getAttribute(name, "DeadLettered")).isEqualTo(1L);
            assertThat(server.getAttribute(name, "InFlight")).isEqualTo(0);
            assertThat(server.getAttribute(name, "BufferedRecords")).isEqualTo(7);
            assertThat((double) server.getAttribute(name, "CallLatencyAvgMs")).isEqualTo(50.5);
            assertThat((double) server.getAttribute(name, "CallLatencyP99Ms")).isEqualTo(99.0);
            assertThat(metrics.summary()).contains("records in=25").contains("p99=99.0 ms");
            metrics.close();
            assertThat(server.isRegistered(name)).isFalse();
        }
    }

    /** Issue 11 item 15: a restarted task registers before the old instance closes; that close must not unregister it. */
    @Test
    void anOldInstanceClosingAfterTheRestartedOneRegisteredLeavesTheNewMBeanInPlace() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName(SinkTaskMetrics.DOMAIN
                + ":type=personalize-sink-task-metrics,connector=\"restart-test\",task=0");
        SinkTaskMetrics old = new SinkTaskMetrics();
        SinkTaskMetrics restarted = new SinkTaskMetrics();
        old.register("restart-test", 0);
        restarted.register("restart-test", 0);
        restarted.recordsIn(3);

        old.close();

        assertThat(server.isRegistered(name)).isTrue();
        assertThat(server.getAttribute(name, "RecordsIn")).isEqualTo(3L);
        restarted.close();
        assertThat(server.isRegistered(name)).isFalse();
    }
}
