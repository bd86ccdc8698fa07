package io.lakeloop.streams.collator.health;

import io.lakeloop.streams.collator.CollatorMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * Renders metrics in the Prometheus text exposition format (version 0.0.4): every numeric Kafka metric of the
 * Streams client (and its consumers, producers and admin client) as {@code kafka_<group>_<name>{<tags>}}, and the
 * collator's own counters as {@code lakeloop_collator_*}. Names ending in {@code -total} are counters, others gauges.
 */
public final class PrometheusText {

    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusText() {
    }

    public static String render(Map<MetricName, ? extends Metric> kafkaMetrics, CollatorMetrics collator) {
        StringBuilder sb = new StringBuilder(64 * 1024);
        collator(sb, collator);
        kafka(sb, kafkaMetrics);
        return sb.toString();
    }

    private static void collator(StringBuilder sb, CollatorMetrics m) {
        counter(sb, "lakeloop_collator_records_in_total", "Raw records read from the input topics.", m.recordsIn());
        counter(sb, "lakeloop_collator_events_collated_total", "Valid events parsed, before deduplication.",
                m.eventsCollated());
        counter(sb, "lakeloop_collator_events_out_total", "Events written to the lake topic.", m.eventsOut());
        counter(sb, "lakeloop_collator_duplicates_dropped_total", "Copies of an event dropped by the dedupe store.",
                m.duplicatesDropped());
        counter(sb, "lakeloop_collator_dead_letters_without_payload_total", "Dead letters written without the "
                + "original key, value and headers because they did not fit the dead-letter topic or were refused.",
                m.deadLettersWithoutPayload());
        counter(sb, "lakeloop_collator_output_refused_total", "Output records the producer or broker refused; the "
                + "stream thread was replaced and the record that produced them dead-lettered.", m.outputRefused());
        String name = "lakeloop_collator_rejected_total";
        sb.append("# HELP ").append(name).append(" Rejected records or events sent to the dead-letter topic, by reason.\n");
        sb.append("# TYPE ").append(name).append(" counter\n");
        for (Map.Entry<String, Long> e : m.rejectedByReason().entrySet()) {
            sb.append(name).append("{reason=\"").append(e.getKey()).append("\"} ").append(e.getValue()).append('\n');
        }
    }

    private static void counter(StringBuilder sb, String name, String help, long value) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(" counter\n");
        sb.append(name).append(' ').append(value).append('\n');
    }

    private static void kafka(StringBuilder sb, Map<MetricName, ? extends Metric> metrics) {
        Map<String, List<Map.Entry<MetricName, Double>>> families = new TreeMap<>();
        Map<String, String> help = new TreeMap<>();
        for (Map.Entry<MetricName, ? extends Metric> e : metrics.entrySet()) {
            Object value = e.getValue().metricValue();
            if (!(value instanceof Number n)) {
                continue;
            }
            MetricName mn = e.getKey();
            String family = "kafka_" + sanitize(mn.group()) + "_" + sanitize(mn.name());
            families.computeIfAbsent(family, k -> new ArrayList<>()).add(Map.entry(mn, n.doubleValue()));
            help.putIfAbsent(family, mn.description());
        }
        for (Map.Entry<String, List<Map.Entry<MetricName, Double>>> f : families.entrySet()) {
            String family = f.getKey();
            String description = help.get(family);
            if (description != null && !description.isBlank()) {
                sb.append("# HELP ").append(family).append(' ').append(escapeHelp(description)).append('\n');
            }
            sb.append("# TYPE ").append(family).append(family.endsWith("_total") ? " counter\n" : " gauge\n");
            for (Map.Entry<MetricName, Double> sample : f.getValue()) {
                sb.append(family);
                labels(sb, sample.getKey().tags());
                sb.append(' ').append(format(sample.getValue())).append('\n');
            }
        }
    }

    private static void labels(StringBuilder sb, Map<String, String> tags) {
        if (tags.isEmpty()) {
            return;
        }
        sb.append('{');
        boolean first = true;
        for (Map.Entry<String, String> t : new TreeMap<>(tags).entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append(sanitize(t.getKey())).append("=\"").append(escapeLabel(t.getValue())).append('"');
        }
        sb.append('}');
    }

    static String sanitize(String s) {
        StringBuilder out = new StringBuilder(s.length() + 1);
        if (!s.isEmpty() && s.charAt(0) >= '0' && s.charAt(0) <= '9') {
            out.append('_');
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c >= '0' && c <= '9');
            out.append(ok ? c : '_');
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    private static String escapeLabel(String v) {
        return v == null ? "" : v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String escapeHelp(String v) {
        return v.replace("\\", "\\\\").replace("\n", "\\n");
    }
}
