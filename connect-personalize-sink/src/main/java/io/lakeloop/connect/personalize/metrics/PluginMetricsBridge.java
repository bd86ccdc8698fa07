package io.lakeloop.connect.personalize.metrics;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.function.Supplier;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.MetricValueProvider;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the task's metrics through Connect's own plugin metrics (KIP-877, Connect 4.1+), so they appear next to
 * the runtime's task metrics in every configured metrics reporter. Reached by reflection: the plugin compiles and runs
 * against Connect 3.7, where the API does not exist and the JMX MBean of {@link SinkTaskMetrics} is the only channel.
 * The runtime removes these metrics itself when the task stops.
 */
public final class PluginMetricsBridge {

    private static final Logger LOG = LoggerFactory.getLogger(PluginMetricsBridge.class);

    private PluginMetricsBridge() {
    }

    /** @return true when the runtime offered plugin metrics and every metric was added */
    public static boolean register(SinkTaskContext context, SinkTaskMetrics metrics) {
        if (context == null) {
            return false;
        }
        try {
            Method accessor = SinkTaskContext.class.getMethod("pluginMetrics");
            Object pluginMetrics = accessor.invoke(context);
            if (pluginMetrics == null) {
                return false;
            }
            Class<?> api = Class.forName("org.apache.kafka.common.metrics.PluginMetrics");
            Method metricName = api.getMethod("metricName", String.class, String.class, LinkedHashMap.class);
            Method addMetric = api.getMethod("addMetric", MetricName.class, MetricValueProvider.class);
            add(pluginMetrics, metricName, addMetric, "records-in", "Kafka records the task was given",
                    metrics::getRecordsIn);
            add(pluginMetrics, metricName, addMetric, "records-sent", "Records Personalize accepted",
                    metrics::getRecordsSent);
            add(pluginMetrics, metricName, addMetric, "calls", "API calls made, every attempt counted",
                    metrics::getCalls);
            add(pluginMetrics, metricName, addMetric, "throttled-calls", "Calls answered with throttling",
                    metrics::getThrottledCalls);
            add(pluginMetrics, metricName, addMetric, "retries", "Retried attempts", metrics::getRetries);
            add(pluginMetrics, metricName, addMetric, "dead-lettered", "Records routed to the dead-letter queue",
                    metrics::getDeadLettered);
            add(pluginMetrics, metricName, addMetric, "in-flight", "Calls in flight now", metrics::getInFlight);
            add(pluginMetrics, metricName, addMetric, "buffered-records", "Records taken and not yet done",
                    metrics::getBufferedRecords);
            add(pluginMetrics, metricName, addMetric, "call-latency-avg-ms", "Mean latency of recent calls",
                    metrics::getCallLatencyAvgMs);
            add(pluginMetrics, metricName, addMetric, "call-latency-p99-ms", "99th percentile latency of recent calls",
                    metrics::getCallLatencyP99Ms);
            return true;
        } catch (NoSuchMethodException | ClassNotFoundException e) {
            LOG.debug("No plugin metrics in this Connect runtime (before 4.1); JMX only");
            return false;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.info("Could not register plugin metrics ({}); the JMX MBean still has them", e.toString());
            return false;
        }
    }

    private static void add(Object pluginMetrics, Method metricName, Method addMetric, String name, String doc,
                            Supplier<? extends Number> value) throws ReflectiveOperationException {
        MetricName metric = (MetricName) metricName.invoke(pluginMetrics, name, doc, new LinkedHashMap<String, String>());
        Gauge<Number> gauge = (config, now) -> value.get();
        addMetric.invoke(pluginMetrics, metric, gauge);
    }
}
