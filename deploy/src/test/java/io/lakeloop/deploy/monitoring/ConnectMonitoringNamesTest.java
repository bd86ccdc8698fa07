package io.lakeloop.deploy.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeloop.connect.personalize.metrics.SinkTaskMetrics;
import io.lakeloop.connect.s3.metrics.SinkMetrics;
import io.lakeloop.metrics.MetricSpec;
import io.lakeloop.metrics.MetricsMarkdown;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sinks' dashboards and the Connect alert rules name only what a Connect worker exports through the Prometheus
 * JMX exporter with {@code config/monitoring/jmx-exporter/connect-worker.yml}: the sinks register their metrics as
 * their tasks do ({@link SinkMetrics}, {@link SinkTaskMetrics}: Kafka's JmxReporter), Connect's and the consumer's
 * declared metrics are registered the same way ({@link ConnectWorkerMBeans}), and the exporter's own collector turns
 * the MBeans into Prometheus series with the rules file.
 */
class ConnectMonitoringNamesTest {

    private static SinkMetrics s3;
    private static SinkTaskMetrics personalize;
    private static ConnectWorkerMBeans connect;
    private static Set<String> exported;

    @BeforeAll
    static void exportAsTheJmxExporterWould() throws Exception {
        s3 = SinkMetrics.start("lake", 0, Duration.ZERO, null, () -> 0L, 1 << 20);
        personalize = SinkTaskMetrics.start("events", 0, Duration.ZERO, null);
        connect = ConnectWorkerMBeans.register("lake", "lake.interactions");
        exported = MonitoringFiles.seriesNames(JmxExporterScrape.scrape());
        exported.add("up");
    }

    @AfterAll
    static void close() {
        s3.close();
        personalize.close();
        connect.close();
    }

    @Test
    void everySinkMetricGetsTheNameTheMetricsReferenceDocuments() {
        List<String> expected = new ArrayList<>();
        for (MetricSpec spec : s3.specs()) {
            spec.published().forEach(n -> expected.add(MetricsMarkdown.prometheusName(SinkMetrics.GROUP, n)));
        }
        for (MetricSpec spec : personalize.specs()) {
            spec.published().forEach(n -> expected.add(MetricsMarkdown.prometheusName(SinkTaskMetrics.GROUP, n)));
        }
        assertThat(expected).hasSizeGreaterThan(40).contains("lakeloop_s3_sink_records_landed_total",
                "lakeloop_personalize_sink_throttled_calls_rate");
        assertThat(exported).containsAll(expected);
    }

    @Test
    void connectsOwnMetricsGetTheirNames() {
        assertThat(exported).contains("kafka_connect_connector_task_status", "kafka_connect_connector_status",
                "kafka_connect_task_error_deadletterqueue_produce_requests", "kafka_connect_sink_task_sink_record_read_total",
                "kafka_connect_worker_connector_failed_task_count", "kafka_connect_worker_task_count",
                "kafka_consumer_fetch_manager_records_lag", "kafka_consumer_fetch_manager_records_lag_max");
    }

    @Test
    void theSinksDashboardsNameOnlyExportedMetrics() {
        List<MonitoringFiles.Query> queries = new ArrayList<>(MonitoringFiles.dashboard("lakeloop-s3-sink.json"));
        queries.addAll(MonitoringFiles.dashboard("lakeloop-personalize-sink.json"));

        assertThat(queries).hasSizeGreaterThan(30);
        assertThat(MonitoringFiles.unexported(queries, exported)).as("named but not exported").isEmpty();
    }

    @Test
    void theConnectAndSinkAlertRulesNameOnlyExportedMetrics() {
        List<MonitoringFiles.Query> rules = MonitoringFiles.alerts(group -> !group.equals("lakeloop-collator"));

        assertThat(rules).hasSizeGreaterThan(8);
        assertThat(MonitoringFiles.unexported(rules, exported)).as("named but not exported").isEmpty();
    }

    @Test
    void everyDashboardIsChecked() {
        // lakeloop-collator.json: CollatorMonitoringNamesTest, against a real scrape
        assertThat(MonitoringFiles.dashboardFiles()).containsExactly("lakeloop-collator.json",
                "lakeloop-personalize-sink.json", "lakeloop-s3-sink.json");
    }
}
