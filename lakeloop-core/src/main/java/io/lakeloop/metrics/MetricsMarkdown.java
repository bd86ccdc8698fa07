package io.lakeloop.metrics;

import java.util.List;
import java.util.Locale;

/**
 * The metrics tables of {@code docs/metrics.md}, generated from what a task registers ({@link TaskMetrics#specs()}),
 * so the documentation, the dashboards and the alert rules name exactly the published metrics. One row per published
 * name: the name on JMX, in Connect's plugin metrics and in the log line; the name the Prometheus JMX exporter gives it
 * under the rule of {@code docs/operations.md} ({@link #prometheusName}); its kind; its meaning. Each table sits
 * between the markers {@code <!-- metrics:<group> -->} and {@code <!-- /metrics:<group> -->}; a staleness test per
 * component regenerates it and compares.
 */
public final class MetricsMarkdown {

    static final String HEADER = "| metric (JMX attribute, log line, plugin metrics) | Prometheus (JMX exporter) | type "
            + "| meaning |\n|---|---|---|---|\n";
    private static final String GROUP_SUFFIX = "-task-metrics";

    private MetricsMarkdown() {
    }

    /** One row per published name, in registration order. */
    public static String table(String group, List<MetricSpec> specs) {
        StringBuilder sb = new StringBuilder(HEADER);
        for (MetricSpec spec : specs) {
            for (String name : spec.published()) {
                sb.append("| `").append(name).append("` | `").append(prometheusName(group, name)).append("` | ")
                        .append(kind(spec.kind(), name)).append(" | ")
                        .append(spec.description().replace("|", "\\|")).append(" |\n");
            }
        }
        return sb.toString();
    }

    /**
     * The name the Prometheus JMX exporter gives a metric under the rule documented in {@code docs/operations.md}:
     * {@code lakeloop_} + the group without {@code -task-metrics} + {@code _} + the metric, dashes as underscores;
     * e.g. {@code s3-sink-task-metrics} / {@code records-landed-total} → {@code lakeloop_s3_sink_records_landed_total}
     * with the labels {@code connector} and {@code task}.
     */
    public static String prometheusName(String group, String metric) {
        String component = group.endsWith(GROUP_SUFFIX)
                ? group.substring(0, group.length() - GROUP_SUFFIX.length()) : group;
        return ("lakeloop_" + component + "_" + metric).replace('-', '_').toLowerCase(Locale.ROOT);
    }

    /**
     * @return {@code doc} with the text between the markers of {@code group} replaced by {@code table}
     * @throws IllegalArgumentException when the document lacks either marker
     */
    public static String replaceBlock(String doc, String group, String table) {
        String begin = "<!-- metrics:" + group + " -->\n";
        String end = "<!-- /metrics:" + group + " -->";
        int from = doc.indexOf(begin);
        int to = doc.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("the document has no block " + begin.strip() + " … " + end);
        }
        return doc.substring(0, from + begin.length()) + table + doc.substring(to);
    }

    private static String kind(MetricSpec.Kind kind, String name) {
        return switch (kind) {
            case COUNTER -> name.endsWith("-total") ? "counter" : "rate, per second";
            case LATENCY -> "latency, ms";
            case GAUGE -> "gauge";
        };
    }
}
