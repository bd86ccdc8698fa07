package io.lakeloop.deploy.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The name extraction the dashboards' and rules' check relies on: it must find every name, and only names. */
class PromQlNamesTest {

    @Test
    void findsTheMetricsOfAggregationsRatesAndVectorMatching() {
        assertThat(PromQlNames.of("sum by (job, reason) (rate(lakeloop_collator_rejected_total{job=\"a\", reason=~\"X|Y\"}[10m]))\n"
                + "  > on (job) group_left 0.01 * sum by (job) (rate(lakeloop_collator_records_in_total[10m]))"))
                .containsExactly("lakeloop_collator_records_in_total", "lakeloop_collator_rejected_total");
        assertThat(PromQlNames.of("min_over_time(lakeloop_personalize_sink_retries_rate[3m]) > 0"))
                .containsExactly("lakeloop_personalize_sink_retries_rate");
        assertThat(PromQlNames.of("up{job=\"lakeloop-collator\"} == 0")).containsExactly("up");
        assertThat(PromQlNames.of("max by (instance) (process_cpu_usage offset 5m) > 1e-3 and ignoring(x) jvm_info"))
                .containsExactly("jvm_info", "process_cpu_usage");
        assertThat(PromQlNames.of("sum(rate(a_total{x=\"$instance\"}[$__rate_interval])) / clamp_min(b, 1)"))
                .containsExactly("a_total", "b");
        assertThat(PromQlNames.of("max_over_time(rate(c_total[5m])[1h:1m])")).containsExactly("c_total");
    }

    @Test
    void readsTheMetricOfAGrafanaLabelValuesQuery() {
        assertThat(PromQlNames.of("label_values(lakeloop_s3_sink_records_written_total{job=\"x\"}, connector)"))
                .containsExactly("lakeloop_s3_sink_records_written_total");
    }

    @Test
    void reportsANameThatIsNotExportedAndAQueryWithoutAny() {
        List<MonitoringFiles.Query> queries = List.of(new MonitoringFiles.Query("p A", "rate(known_total[1m])"),
                new MonitoringFiles.Query("p B", "sum(unknown_metric)"), new MonitoringFiles.Query("p C", "vector(1)"));

        assertThat(MonitoringFiles.unexported(queries, Set.of("known_total")))
                .containsExactly("p B: unknown_metric", "p C: names no metric: vector(1)");
    }

    @Test
    void readsSeriesNamesFromATextExposition() {
        assertThat(MonitoringFiles.seriesNames("# HELP a_total x\n# TYPE a_total counter\na_total 1.0\n"
                + "b_seconds_count{x=\"1\"} 2.0\n\nc NaN\n")).containsExactly("a_total", "b_seconds_count", "c");
    }
}
