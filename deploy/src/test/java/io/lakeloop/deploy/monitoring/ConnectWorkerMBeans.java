package io.lakeloop.deploy.monitoring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.internals.FetchMetricsRegistry;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.MetricNameTemplate;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.JmxReporter;
import org.apache.kafka.common.metrics.KafkaMetricsContext;
import org.apache.kafka.common.metrics.Measurable;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.runtime.ConnectMetricsRegistry;

/**
 * The MBeans a Connect worker running a sink task has besides the sink's own: every metric Kafka Connect declares
 * ({@link ConnectMetricsRegistry}: worker, connector, task, sink-task, task-error …) under {@code kafka.connect}, and
 * every fetch metric of a consumer ({@link FetchMetricsRegistry}) under {@code kafka.consumer}, registered through
 * Kafka's own {@link JmxReporter} with the tags in the order the runtime registers them, so the MBean names are the
 * worker's.
 */
final class ConnectWorkerMBeans implements AutoCloseable {

    private static final Set<String> STRING_VALUED = Set.of("status", "connector-class", "connector-type",
            "connector-version", "leader-name");

    private static final List<String> TAG_ORDER = List.of("connector", "task", "client-id", "topic", "partition");

    private final List<Metrics> registries;

    private ConnectWorkerMBeans(List<Metrics> registries) {
        this.registries = registries;
    }

    /**
     * Registers them for one task ({@code connector}, task 0) whose consumer reads {@code topic} partition 0 (its
     * dots as underscores in the tag, as the consumer writes it).
     */
    static ConnectWorkerMBeans register(String connector, String topic) {
        Map<String, String> values = Map.of("connector", connector, "task", "0",
                "client-id", "connector-consumer-" + connector + "-0", "topic", topic.replace('.', '_'), "partition", "0");
        Metrics connect = metrics("kafka.connect");
        new ConnectMetricsRegistry().getAllTemplates().forEach(t -> add(connect, t, values));
        Metrics consumer = metrics("kafka.consumer");
        new FetchMetricsRegistry(Set.of("client-id"), "consumer").getAllTemplates()
                .forEach(t -> add(consumer, t, values));
        return new ConnectWorkerMBeans(List.of(connect, consumer));
    }

    private static Metrics metrics(String domain) {
        JmxReporter jmx = new JmxReporter();
        jmx.configure(Map.of());
        return new Metrics(new MetricConfig(), List.of(jmx), Time.SYSTEM, new KafkaMetricsContext(domain));
    }

    private static void add(Metrics metrics, MetricNameTemplate template, Map<String, String> values) {
        // in the order the runtime adds them (a template's own tag set has no order): Connect's groups connector then
        // task (ConnectMetrics.group), a consumer's client-id then topic then partition (FetchMetricsManager)
        Map<String, String> tags = new LinkedHashMap<>();
        TAG_ORDER.stream().filter(template.tags()::contains).forEach(k -> tags.put(k, values.get(k)));
        template.tags().stream().filter(k -> !tags.containsKey(k)).sorted().forEach(k -> tags.put(k, "x"));
        MetricName name = metrics.metricInstance(template, tags);
        if (STRING_VALUED.contains(template.name())) {
            metrics.addMetric(name, (Gauge<String>) (config, now) -> "running");
        } else {
            metrics.addMetric(name, (Measurable) (config, now) -> 1.0);
        }
    }

    @Override
    public void close() {
        registries.forEach(Metrics::close);
    }
}
