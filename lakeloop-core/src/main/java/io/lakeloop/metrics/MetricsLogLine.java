package io.lakeloop.metrics;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The one-line form of a task's metrics, logged at INFO on every runtime (on MSK Connect, which has no JMX, it is the
 * only window), and read back by tests and log queries:
 * <pre>lakeloop-metrics group=s3-sink-task-metrics connector=upstream task=0 | records-written-total=1000 …</pre>
 * Tags come first and may be quoted ({@code connector="a b"}, backslash escapes); metrics follow the bar, sorted by
 * name, with the same names as on JMX and in Connect's plugin metrics. Counts print as integers, other values with at
 * most three decimals, {@code NaN} when a window has no sample yet.
 *
 * @param group  the metric group (the JMX {@code type})
 * @param tags   the identity tags, e.g. connector and task
 * @param values metric name to value
 */
public record MetricsLogLine(String group, Map<String, String> tags, Map<String, Double> values) {

    public static final String PREFIX = "lakeloop-metrics";
    private static final String SEPARATOR = " | ";

    public MetricsLogLine {
        Objects.requireNonNull(group, "group");
        tags = Map.copyOf(tags);
        values = Map.copyOf(values);
    }

    /** Renders the line; tags in the given order, metrics sorted by name. */
    public static String format(String group, Map<String, String> tags, Map<String, Double> values) {
        StringBuilder sb = new StringBuilder(64 + 32 * values.size()).append(PREFIX).append(" group=").append(quote(group));
        tags.forEach((k, v) -> sb.append(' ').append(k).append('=').append(quote(v)));
        sb.append(" |");
        values.keySet().stream().sorted().forEach(k -> sb.append(' ').append(k).append('=').append(number(values.get(k))));
        return sb.toString();
    }

    /**
     * @param text a log message, or a whole log line that contains one ({@code lakeloop-metrics …} to its end)
     * @throws IllegalArgumentException when the text holds no metrics line
     */
    public static MetricsLogLine parse(String text) {
        int start = text.indexOf(PREFIX + " ");
        if (start < 0) {
            throw new IllegalArgumentException("not a " + PREFIX + " line");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        Map<String, Double> values = new LinkedHashMap<>();
        boolean inMetrics = false;
        int i = start + PREFIX.length();
        while (i < text.length()) {
            if (!inMetrics && text.startsWith(SEPARATOR, i)) {
                inMetrics = true;
                i += SEPARATOR.length() - 1;
            } else if (text.charAt(i) == ' ') {
                i++;
            } else {
                int eq = text.indexOf('=', i);
                if (eq < 0) {
                    throw new IllegalArgumentException("expected key=value at " + i);
                }
                String key = text.substring(i, eq);
                StringBuilder value = new StringBuilder();
                i = readValue(text, eq + 1, value);
                if (inMetrics) {
                    values.put(key, Double.valueOf(value.toString()));
                } else {
                    tags.put(key, value.toString());
                }
            }
        }
        String group = tags.remove("group");
        if (group == null) {
            throw new IllegalArgumentException("no group in the " + PREFIX + " line");
        }
        return new MetricsLogLine(group, tags, values);
    }

    /** @return the value of a metric, or throws naming the metric when the line does not have it */
    public double value(String metric) {
        Double v = values.get(metric);
        if (v == null) {
            throw new IllegalArgumentException("no metric " + metric + " in the line; it has " + values.keySet());
        }
        return v;
    }

    private static int readValue(String text, int from, StringBuilder out) {
        int i = from;
        if (i < text.length() && text.charAt(i) == '"') {
            for (i++; i < text.length() && text.charAt(i) != '"'; i++) {
                char c = text.charAt(i);
                out.append(c == '\\' && i + 1 < text.length() ? text.charAt(++i) : c);
            }
            return i + 1;
        }
        while (i < text.length() && text.charAt(i) != ' ') {
            out.append(text.charAt(i++));
        }
        return i;
    }

    static String quote(String value) {
        boolean plain = !value.isEmpty() && value.chars().noneMatch(c -> c <= ' ' || c == '"' || c == '\\' || c == '='
                || c == '|' || c == 0x7f);
        if (plain) {
            return value;
        }
        StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c < ' ' || c == 0x7f ? ' ' : c);
        }
        return sb.append('"').toString();
    }

    static String number(Double value) {
        double v = value == null ? Double.NaN : value;
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.3f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
