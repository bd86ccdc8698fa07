package io.lakeloop.metrics;

import java.util.List;
import java.util.Objects;

/**
 * One registration of a {@link TaskMetrics}: the name it was given, its kind, its description, and the metric names
 * it publishes (on JMX, in Connect's plugin metrics and in the log line).
 *
 * @param name        the registered name, e.g. {@code records-written}
 * @param kind        how it was registered
 * @param description what it measures
 * @param published   the names it publishes, e.g. {@code records-written-total}, {@code records-written-rate}
 */
public record MetricSpec(String name, Kind kind, String description, List<String> published) {

    /** How a metric was registered, and so what it publishes. */
    public enum Kind {
        /** {@code <name>-total} since the task started and {@code <name>-rate} per second. */
        COUNTER(List.of("-total", "-rate")),
        /** Milliseconds over the recent window: {@code <name>-avg}, {@code -max}, {@code -p50}, {@code -p99}. */
        LATENCY(List.of("-avg", "-max", "-p50", "-p99")),
        /** A value read when published, under {@code <name>} itself. */
        GAUGE(List.of(""));

        private final List<String> suffixes;

        Kind(List<String> suffixes) {
            this.suffixes = suffixes;
        }

        /** The names a metric of this kind registered as {@code name} publishes. */
        public List<String> published(String name) {
            return suffixes.stream().map(s -> name + s).toList();
        }
    }

    public MetricSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
        published = List.copyOf(published);
    }

    static MetricSpec of(String name, Kind kind, String description) {
        return new MetricSpec(name, kind, description, kind.published(name));
    }
}
