package io.lakeloop.connect.s3;

import static io.lakeloop.connect.s3.ItSupport.counts;
import static io.lakeloop.connect.s3.ItSupport.lines;
import static io.lakeloop.connect.s3.ItSupport.linesSoFar;
import static io.lakeloop.connect.s3.ItSupport.sinkConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lakeloop.connect.s3.metrics.SinkMetrics;
import io.lakeloop.testkit.ConnectClusterExtension;
import io.lakeloop.testkit.S3ProxyExtension;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Exactly once on a real Connect cluster: records produced while a worker is stopped and replaced, while a second
 * worker joins (rebalance), and while S3 is down for 15 s, each appear in exactly one object. Keys use the wall
 * clock and objects rotate every 1.5 s and every 37 records, so replays after each disruption cut objects
 * differently from the first attempt.
 */
class S3SinkExactlyOnceIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(180);

    @RegisterExtension
    static final S3ProxyExtension S3 = S3ProxyExtension.create();

    @RegisterExtension
    static final ConnectClusterExtension CONNECT = ConnectClusterExtension.create();

    private static Map<String, String> config(String topic) {
        return sinkConfig(S3, topic, "upstream", "tasks.max", "2", "s3.key.layout", "custom",
                "s3.key.template", topic + "/{yyyy}{MM}{dd}{HH}{mm}/{topic}+{partition}+{start_offset}",
                "time.source", "wallclock", "rotate.records", "37", "rotate.schedule.interval.ms", "1500");
    }

    @Test
    void everyRecordLandsOnceAcrossAWorkerReplacementAndARebalance() throws Exception {
        ItSupport.createTopicAndAwaitLeaders(CONNECT, "eo", 4);
        CONNECT.configureConnector("eo", config("eo"));
        CONNECT.awaitConnectorRunning("eo", 2);
        List<String> sent = new ArrayList<>();

        produce("eo", 0, 1000, sent);
        await().atMost(TIMEOUT).until(() -> linesSoFar(S3, "upstream", "eo/").size() >= 300);
        CONNECT.restartWorker(); // the only worker goes away mid-stream; a new one takes the tasks
        produce("eo", 1000, 2000, sent);
        CONNECT.awaitConnectorRunning("eo", 2);
        CONNECT.addWorker(); // rebalance: a task moves to the new worker
        produce("eo", 2000, 3000, sent);
        CONNECT.awaitWorkers(2);
        produce("eo", 3000, 3500, sent);

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(linesSoFar(S3, "upstream", "eo/")).hasSizeGreaterThanOrEqualTo(sent.size()));
        assertExactlyOnce(lines(S3, "upstream", "eo/"), sent);
        CONNECT.deleteConnector("eo");
        CONNECT.removeWorker();
        CONNECT.awaitWorkers(1);
    }

    @Test
    void aFifteenSecondS3OutageLosesAndDuplicatesNothing() throws Exception {
        ItSupport.createTopicAndAwaitLeaders(CONNECT, "outage", 2);
        CONNECT.configureConnector("outage", config("outage"));
        CONNECT.awaitConnectorRunning("outage", 2);
        List<String> sent = new ArrayList<>();
        produce("outage", 0, 500, sent);
        await().atMost(TIMEOUT).until(() -> linesSoFar(S3, "upstream", "outage/").size() >= 100);

        S3.stop();
        long downAt = System.nanoTime();
        produce("outage", 500, 1000, sent);
        await().atMost(TIMEOUT).until(() -> System.nanoTime() - downAt >= 15_000_000_000L && retries("outage") > 0);
        S3.restart();
        produce("outage", 1000, 1500, sent);

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(linesSoFar(S3, "upstream", "outage/")).hasSizeGreaterThanOrEqualTo(sent.size()));
        assertExactlyOnce(lines(S3, "upstream", "outage/"), sent);
        assertThat(CONNECT.connectorStatus("outage").tasks()).allSatisfy(t -> assertThat(t.state()).isEqualTo("RUNNING"));
        CONNECT.deleteConnector("outage");
    }

    private static void assertExactlyOnce(List<String> landed, List<String> sent) {
        Map<String, Integer> counts = counts(landed);
        assertThat(counts.entrySet()).filteredOn(e -> e.getValue() > 1).as("duplicates").isEmpty();
        assertThat(counts.keySet()).as("exactly the produced records").containsExactlyInAnyOrderElementsOf(sent);
    }

    private static void produce(String topic, int from, int to, List<String> sent) throws Exception {
        List<String> values = new ArrayList<>();
        for (int i = from; i < to; i++) {
            values.add("{\"seq\":" + i + "}");
        }
        ItSupport.produceAll(CONNECT, topic, values, i -> null);
        sent.addAll(values);
    }

    private static long retries(String connector) throws Exception {
        long total = 0;
        for (int task = 0; task < 2; task++) {
            var name = SinkMetrics.objectName(connector, task);
            if (ManagementFactory.getPlatformMBeanServer().isRegistered(name)) {
                total += ((Double) ManagementFactory.getPlatformMBeanServer().getAttribute(name, "retries-total")).longValue();
            }
        }
        return total;
    }
}
