package io.lakeloop.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MetricsLogLineTest {

    @Test
    void formatsTagsThenSortedMetrics() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("connector", "upstream");
        tags.put("task", "0");
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("records-written-total", 1000.0);
        values.put("objects-written-rate", 0.0333333);
        values.put("upload-latency-p99", Double.NaN);
        assertThat(MetricsLogLine.format("s3-sink-task-metrics", tags, values)).isEqualTo(
                "lakeloop-metrics group=s3-sink-task-metrics connector=upstream task=0 | objects-written-rate=0.033 "
                        + "records-written-total=1000 upload-latency-p99=NaN");
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "with space", "quote\"d", "back\\slash", "a=b", "pipe | bar", "new\nline", "",
            "\u00e9t\u00e9-\u6f22\u5b57", "tab\there", "end\\"})
    void anyConnectorNameSurvivesTheRoundTrip(String connector) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("connector", connector);
        tags.put("task", "3");
        String line = MetricsLogLine.format("g", tags, Map.of("a-total", 5.0, "b-rate", 1.25));
        MetricsLogLine parsed = MetricsLogLine.parse("2026-12-03 10:00:00,123 INFO [task-thread] " + line);
        String expected = connector.replace('\n', ' ').replace('\t', ' ');
        assertThat(parsed.group()).isEqualTo("g");
        assertThat(parsed.tags()).containsEntry("connector", expected).containsEntry("task", "3").hasSize(2);
        assertThat(parsed.values()).containsExactlyInAnyOrderEntriesOf(Map.of("a-total", 5.0, "b-rate", 1.25));
    }

    @Test
    void numbersPrintAsCountsOrWithThreeDecimals() {
        assertThat(MetricsLogLine.number(3.0)).isEqualTo("3");
        assertThat(MetricsLogLine.number(-2.0)).isEqualTo("-2");
        assertThat(MetricsLogLine.number(12.5)).isEqualTo("12.5");
        assertThat(MetricsLogLine.number(0.0004)).isEqualTo("0");
        assertThat(MetricsLogLine.number(1e20)).isEqualTo("100000000000000000000");
        assertThat(MetricsLogLine.number(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
        assertThat(MetricsLogLine.number(null)).isEqualTo("NaN");
    }

    @Test
    void readingAMissingMetricOrANonLineSaysWhat() {
        MetricsLogLine line = MetricsLogLine.parse(MetricsLogLine.format("g", Map.of(), Map.of("x-total", 1.0)));
        assertThat(line.value("x-total")).isEqualTo(1.0);
        assertThatThrownBy(() -> line.value("y-total")).hasMessageContaining("y-total").hasMessageContaining("x-total");
        assertThatThrownBy(() -> MetricsLogLine.parse("INFO something else")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MetricsLogLine.parse("lakeloop-metrics task=0 | x-total=1"))
                .hasMessageContaining("group");
    }
}
