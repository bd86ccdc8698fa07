package io.lakeloop.connect.s3.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class SinkMetricsTest {

    @Test
    void anOldTaskStoppingAfterItsRestartedSuccessorRegisteredLeavesTheSuccessorsMBean() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = SinkMetrics.objectName("restarted", 3);
        SinkMetrics old = new SinkMetrics(() -> 0, 1);
        SinkMetrics successor = new SinkMetrics(() -> 0, 2);
        old.register("restarted", 3);
        successor.register("restarted", 3);
        successor.recordWritten(10);

        old.unregister();
        assertThat(server.isRegistered(name)).isTrue();
        assertThat(server.getAttribute(name, "MemoryBudgetBytes")).isEqualTo(2L);
        assertThat(server.getAttribute(name, "RecordsWritten")).isEqualTo(1L);

        successor.unregister();
        assertThat(server.isRegistered(name)).isFalse();
    }
}
