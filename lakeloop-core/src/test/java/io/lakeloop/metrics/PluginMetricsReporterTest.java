package io.lakeloop.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.junit.jupiter.api.Test;

/**
 * KIP-877 with the runtime's own implementation ({@code PluginMetricsImpl} of kafka-clients 4.1, over a worker-like
 * {@link Metrics}), reached the way a task reaches it: through its context's {@code pluginMetrics()}.
 */
class PluginMetricsReporterTest {

    /** What {@code SinkTaskContext} declares on Connect 4.1+. */
    public interface ConnectContext {
        Object pluginMetrics();
    }

    @Test
    void onConnect41TheRuntimesPluginMetricsCarryTheSameNamesAndValues() throws Exception {
        Class<?> impl = runtimeImplementation();
        Map<String, String> runtimeTags = new LinkedHashMap<>();
        runtimeTags.put("connector", "events");
        runtimeTags.put("task", "2");
        try (Metrics worker = new Metrics()) {
            Object pluginMetrics = impl.getConstructor(Metrics.class, Map.class).newInstance(worker, runtimeTags);
            ConnectContext context = () -> pluginMetrics;
            TaskMetrics metrics = TaskMetrics.builder("io.lakeloop.test", "plugin-test-task-metrics")
                    .tag("connector", "events").tag("task", "2").logInterval(Duration.ZERO).connectContext(context)
                    .build();
            assertThat(metrics.inPluginMetrics()).isTrue();
            metrics.counter("records-sent", "Records Personalize accepted").record(3);
            metrics.latency("call-latency", "PutEvents calls", 30_000).record(80);
            metrics.gauge("in-flight", "Calls in flight now", () -> 5);

            MetricName sent = worker.metricName("records-sent-total", "plugins", "", runtimeTags);
            assertThat(worker.metric(sent).metricValue()).isEqualTo(3.0);
            assertThat(worker.metric(worker.metricName("in-flight", "plugins", "", runtimeTags)).metricValue())
                    .isEqualTo(5);
            assertThat(worker.metric(worker.metricName("call-latency-max", "plugins", "", runtimeTags)).metricValue())
                    .isEqualTo(80.0);
            assertThat(plugins(worker)).isEqualTo(metrics.snapshot().values().keySet());
            assertThat(worker.metric(sent).metricName().description()).isEqualTo("Records Personalize accepted (total)");

            metrics.close();
            assertThat(plugins(worker)).as("removed when the task's metrics close").isEmpty();
        }
    }

    @Test
    void foundThroughConnectsOwnSinkTaskContextInterface() throws Exception {
        Class<?> impl = runtimeImplementation();
        try (Metrics worker = new Metrics()) {
            Object pluginMetrics = impl.getConstructor(Metrics.class, Map.class)
                    .newInstance(worker, Map.of("connector", "s3", "task", "0"));
            SinkTaskContext context = (SinkTaskContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {SinkTaskContext.class}, (proxy, method, args) -> {
                        if (method.getName().equals("pluginMetrics")) {
                            return pluginMetrics;
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
            try (TaskMetrics metrics = TaskMetrics.builder("io.lakeloop.test", "plugin-test-task-metrics")
                    .tag("connector", "s3").tag("task", "0").logInterval(Duration.ZERO).connectContext(context)
                    .build()) {
                metrics.counter("objects-written", "Objects written").record(2);
                assertThat(metrics.inPluginMetrics()).isTrue();
                assertThat(plugins(worker)).contains("objects-written-total", "objects-written-rate");
            }
        }
    }

    @Test
    void aContextWhosePluginMetricsIsNullIsTreatedAsAnOlderRuntime() {
        ConnectContext context = () -> null;
        try (TaskMetrics metrics = TaskMetrics.builder("io.lakeloop.test", "plugin-test-task-metrics")
                .tag("connector", "x-" + System.nanoTime()).logInterval(Duration.ZERO).connectContext(context).build()) {
            assertThat(metrics.inPluginMetrics()).isFalse();
        }
    }

    private static Set<String> plugins(Metrics worker) {
        return worker.metrics().keySet().stream().filter(n -> n.group().equals("plugins")).map(MetricName::name)
                .collect(Collectors.toSet());
    }

    private static Class<?> runtimeImplementation() {
        try {
            return Class.forName("org.apache.kafka.common.metrics.internals.PluginMetricsImpl");
        } catch (ClassNotFoundException e) {
            assumeTrue(false, "kafka-clients before 4.1 has no plugin metrics (the connect-3.7 profile)");
            throw new AssertionError(e);
        }
    }
}
