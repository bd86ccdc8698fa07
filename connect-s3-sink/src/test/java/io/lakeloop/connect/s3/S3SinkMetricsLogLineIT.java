package io.lakeloop.connect.s3;

import static io.lakeloop.connect.s3.ItSupport.lakeRows;
import static io.lakeloop.connect.s3.ItSupport.sinkConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lakeloop.connect.s3.metrics.SinkMetrics;
import io.lakeloop.lake.DataAddress;
import io.lakeloop.lake.LakeRow;
import io.lakeloop.metrics.MetricsLogLine;
import io.lakeloop.testkit.ConnectClusterExtension;
import io.lakeloop.testkit.KafkaRecord;
import io.lakeloop.testkit.LogCapture;
import io.lakeloop.testkit.S3ProxyExtension;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The task's counters as an operator without JMX reads them (MSK Connect: Connect 3.7, no JMX access, no KIP-877):
 * from the periodic {@code lakeloop-metrics} line in the worker's log. A known set of records on a real Connect
 * worker, broker and s3proxy; the line must carry exactly what landed and what was dead-lettered, under the names JMX
 * has. Runs in both passes of {@code .ci/run}: on Connect 4.1.2 and, with {@code -Pconnect-3.7}, on 3.7.2.
 */
class S3SinkMetricsLogLineIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final String CONNECTOR = "metered";
    private static final String TOPIC = "metered.interactions";
    private static final int ROWS = 30;
    private static final int BAD = 3;
    private static final long DAY = 1_772_841_600L; // 2026-03-07T00:00:00Z

    @RegisterExtension
    static final S3ProxyExtension S3 = S3ProxyExtension.create();

    @RegisterExtension
    static final ConnectClusterExtension CONNECT = ConnectClusterExtension.create();

    @Test
    void theLogLineCarriesExactlyWhatLandedAndWhatWasDeadLettered() throws Exception {
        CONNECT.kafka().createTopic(TOPIC, 1);
        List<LakeRow> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            LakeRow row = new LakeRow("u" + i, "item-" + i, DAY + i, "click", null, "s" + i, "e" + i);
            rows.add(row);
            CONNECT.kafka().produce(TOPIC, "k" + i, row.toJson());
            if (i % 10 == 4) { // three rows without ITEM_ID: dead letters
                CONNECT.kafka().produce(TOPIC, "bad" + i, "{\"USER_ID\":\"u\",\"TIMESTAMP\":" + DAY + "}");
            }
        }
        String prefix = new DataAddress("metered", "t", LocalDate.of(2026, 3, 7), "prod").s3Key();
        try (LogCapture log = LogCapture.of("io.lakeloop.metrics")) {
            CONNECT.configureConnector(CONNECTOR, sinkConfig(S3, TOPIC, "lake", "format", "csv",
                    "s3.key.layout", "hive", "s3.key.hive.dataset", "metered", "s3.key.hive.table", "t",
                    "time.source", "field", "time.field", "TIMESTAMP", "rotate.records", "10",
                    "metrics.log.interval.ms", "1000"));
            CONNECT.awaitConnectorRunning(CONNECTOR, 1);

            await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> assertThat(rowsIn(prefix)).hasSize(ROWS));
            assertThat(rowsIn(prefix)).as("every row landed once").containsExactlyElementsOf(rows);
            assertThat(S3.listKeys("lake", prefix)).as("objects of 10 rows").hasSize(3);
            List<KafkaRecord> dead = CONNECT.readDeadLetters(TOPIC + ".dlq", BAD, TIMEOUT);
            assertThat(dead).extracting(KafkaRecord::key).containsExactlyInAnyOrder("bad4", "bad14", "bad24");

            MetricsLogLine line = await().atMost(TIMEOUT).until(() -> latestLine(log.messages()),
                    l -> l.isPresent() && l.get().value("records-landed-total") == ROWS
                            && l.get().value("records-dead-lettered-total") == BAD).orElseThrow();
            assertThat(line.group()).isEqualTo(SinkMetrics.GROUP);
            assertThat(line.tags()).containsEntry("connector", CONNECTOR).containsEntry("task", "0");
            assertThat(line.value("records-written-total")).isEqualTo(ROWS);
            assertThat(line.value("records-landed-total")).isEqualTo(ROWS);
            assertThat(line.value("objects-written-total")).isEqualTo(3);
            assertThat(line.value("records-dead-lettered-total")).isEqualTo(BAD);
            assertThat(line.value("null-values-ignored-total")).isZero();
            assertThat(line.value("records-skipped-as-already-landed-total")).isZero();
            assertThat(line.value("early-rotations-for-memory-total")).isZero();
            assertThat(line.value("open-files")).isZero();
            assertThat(line.value("upload-latency-max")).isPositive();

            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName jmx = SinkMetrics.objectName(CONNECTOR, 0);
            assertThat(line.values().keySet()).as("the line's names are JMX's")
                    .containsExactlyInAnyOrderElementsOf(attributes(server, jmx));
            assertThat(server.getAttribute(jmx, "records-landed-total")).isEqualTo((double) ROWS);
            assertPluginMetricsWhereTheRuntimeHasThem(server);
            CONNECT.deleteConnector(CONNECTOR);
        }
    }

    /** Connect 4.1+ (KIP-877): the same counter in the runtime's plugin metrics; Connect 3.7 has none. */
    private static void assertPluginMetricsWhereTheRuntimeHasThem(MBeanServer server) throws Exception {
        boolean kip877 = Arrays.stream(SinkTaskContext.class.getMethods())
                .anyMatch(m -> m.getName().equals("pluginMetrics"));
        List<ObjectName> plugin = server.queryNames(new ObjectName("kafka.connect:type=plugins,*"), null).stream()
                .filter(n -> CONNECTOR.equals(n.getKeyProperty("connector")))
                .filter(n -> attributes(server, n).contains("records-landed-total")).toList();
        if (kip877) {
            assertThat(plugin).as("plugin metrics of " + CONNECTOR).hasSize(1);
            assertThat(server.getAttribute(plugin.get(0), "records-landed-total")).isEqualTo((double) ROWS);
        } else {
            assertThat(plugin).as("no plugin metrics before Connect 4.1").isEmpty();
        }
    }

    /** The newest metrics line of this connector's task in the captured log. */
    private static Optional<MetricsLogLine> latestLine(List<String> messages) {
        Optional<MetricsLogLine> latest = Optional.empty();
        for (String message : messages) {
            if (message.startsWith(MetricsLogLine.PREFIX + " group=" + SinkMetrics.GROUP)) {
                MetricsLogLine line = MetricsLogLine.parse(message);
                if (CONNECTOR.equals(line.tags().get("connector"))) {
                    latest = Optional.of(line);
                }
            }
        }
        return latest;
    }

    private static List<String> attributes(MBeanServer server, ObjectName name) {
        try {
            return Arrays.stream(server.getMBeanInfo(name).getAttributes()).map(MBeanAttributeInfo::getName).toList();
        } catch (Exception e) {
            return List.of();
        }
    }

    private static List<LakeRow> rowsIn(String prefix) throws Exception {
        return lakeRows(S3, "lake", prefix);
    }
}
