package io.lakeloop.connect.s3;

import static io.lakeloop.connect.s3.ItSupport.counts;
import static io.lakeloop.connect.s3.ItSupport.lines;
import static io.lakeloop.connect.s3.ItSupport.linesSoFar;
import static io.lakeloop.connect.s3.ItSupport.sinkConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lakeloop.connect.s3.metrics.SinkMetrics;
import io.lakeloop.testkit.ConnectClusterExtension;
import io.lakeloop.testkit.S3ProxyExtension;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 200 partitions into one task, in a JVM of 256 MB that also runs the broker, the worker and s3proxy (failsafe
 * execution {@code many-partitions}, {@code -Xmx256m}): the memory budget holds, nothing runs out of memory, every
 * record lands once. Without the budget, 200 open gzip streams with their part buffers would not fit.
 */
@Tag("runtime-independent") // not rerun on Connect 3.7.2 by .ci/run: what it checks is the plugin's own logic
class S3SinkManyPartitionsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    private static final int PARTITIONS = 200;
    private static final int PER_PARTITION = 15; // 200 open gzip streams alone exceed the budget

    @RegisterExtension
    static final S3ProxyExtension S3 = S3ProxyExtension.create().withFilesystemStore();

    @RegisterExtension
    static final ConnectClusterExtension CONNECT = ConnectClusterExtension.create();

    @Test
    void twoHundredPartitionsLandCompletelyWithinTheBudgetInASmallHeap() throws Exception {
        // only meaningful in its own small JVM; -Dit.test=... also runs it in the default execution: skip it there
        assumeTrue(Boolean.getBoolean("lakeloop.s3sink.small.heap"), "runs in the many-partitions execution only");
        assertThat(Runtime.getRuntime().maxMemory()).as("the many-partitions execution runs with -Xmx256m")
                .isLessThanOrEqualTo(300L << 20);
        ItSupport.createTopicAndAwaitLeaders(CONNECT, "wide", PARTITIONS);
        long budget = 16L << 20;
        CONNECT.configureConnector("wide", sinkConfig(S3, "wide", "upstream", "s3.key.prefix", "wide/",
                "memory.budget.bytes", Long.toString(budget), "rotate.schedule.interval.ms", "5000"));
        CONNECT.awaitConnectorRunning("wide", 1);

        Random rnd = new Random(7);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < PARTITIONS * PER_PARTITION; i++) {
            sent.add("{\"seq\":" + i + ",\"pad\":\"" + Long.toHexString(rnd.nextLong()).repeat(64) + "\"}");
        }
        ItSupport.produceAll(CONNECT, "wide", sent, i -> i % PARTITIONS);

        var metrics = SinkMetrics.objectName("wide", 0);
        long[] peakBuffered = {0};
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            if (ManagementFactory.getPlatformMBeanServer().isRegistered(metrics)) {
                peakBuffered[0] = Math.max(peakBuffered[0],
                        (Long) ManagementFactory.getPlatformMBeanServer().getAttribute(metrics, "buffered-bytes"));
            }
            List<String> missing = new ArrayList<>(sent);
            missing.removeAll(new java.util.HashSet<>(linesSoFar(S3, "upstream", "wide/")));
            assertThat(missing).as("records not landed (seq = partition + 200 * offset)").isEmpty();
        });
        Map<String, Integer> counts = counts(lines(S3, "upstream", "wide/"));
        assertThat(counts.entrySet()).filteredOn(e -> e.getValue() > 1).as("duplicates").isEmpty();
        assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(sent);
        // sampled from another thread: between a chunk's reservation and the budget check that follows it the task
        // may hold one chunk and one stream's overhead more than the budget
        assertThat(peakBuffered[0]).as("buffered bytes never above the budget").isLessThanOrEqualTo(budget + (1 << 20));
        assertThat((Double) ManagementFactory.getPlatformMBeanServer().getAttribute(metrics, "early-rotations-for-memory-total"))
                .as("the budget was binding").isPositive();
    }
}
