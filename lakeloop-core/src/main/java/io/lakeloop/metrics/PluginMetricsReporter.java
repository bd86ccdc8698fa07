package io.lakeloop.metrics;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.MetricValueProvider;
import org.apache.kafka.common.metrics.MetricsReporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mirrors a {@link TaskMetrics}' metrics into Connect's plugin metrics (KIP-877, Connect 4.1+: the runtime's
 * {@code PluginMetrics}, published by every metrics reporter the worker has, under {@code type=plugins} with the
 * runtime's own connector and task tags). Each metric is a gauge reading the same {@link KafkaMetric}, so the names
 * and values are those of JMX and the log line. Reached by reflection: the plugins also run on Connect 3.7, which has
 * no {@code pluginMetrics()}, and core compiles against 3.7 in the {@code connect-3.7} profile.
 */
final class PluginMetricsReporter implements MetricsReporter {

    private static final Logger LOG = LoggerFactory.getLogger(PluginMetricsReporter.class);
    private static final String API = "org.apache.kafka.common.metrics.PluginMetrics";

    private final Object pluginMetrics;
    private final Method metricName;
    private final Method addMetric;
    private final Method removeMetric;
    private final String group;
    private final Set<String> runtimeTags;
    private final Map<MetricName, Object> mirrored = new ConcurrentHashMap<>();

    private PluginMetricsReporter(Object pluginMetrics, Class<?> api, String group, Set<String> runtimeTags)
            throws NoSuchMethodException {
        this.pluginMetrics = pluginMetrics;
        this.metricName = api.getMethod("metricName", String.class, String.class, LinkedHashMap.class);
        this.addMetric = api.getMethod("addMetric", MetricName.class, MetricValueProvider.class);
        this.removeMetric = api.getMethod("removeMetric", MetricName.class);
        this.group = group;
        this.runtimeTags = Set.copyOf(runtimeTags);
    }

    /**
     * @param context     a Connect context ({@code SinkTaskContext}, {@code ConnectorContext}); on Connect 4.1+ it has
     *                    {@code pluginMetrics()}
     * @param group       only metrics of this group are mirrored
     * @param runtimeTags tags the runtime adds itself (connector, task): left out of the mirrored names, since
     *                    {@code PluginMetrics} refuses them
     * @return the reporter, or empty on a runtime without plugin metrics (Connect before 4.1) or without a context
     */
    static Optional<PluginMetricsReporter> forContext(Object context, String group, Set<String> runtimeTags) {
        if (context == null) {
            return Optional.empty();
        }
        try {
            Optional<Method> accessor = publicMethod(context.getClass(), "pluginMetrics");
            if (accessor.isEmpty()) {
                LOG.debug("No plugin metrics in this Connect runtime (before 4.1): JMX and the log line only");
                return Optional.empty();
            }
            Object pluginMetrics = accessor.get().invoke(context);
            Optional<Class<?>> api = pluginMetrics == null ? Optional.empty() : publicInterface(pluginMetrics.getClass(), API);
            if (api.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new PluginMetricsReporter(pluginMetrics, api.get(), group, runtimeTags));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.info("Connect's plugin metrics are not usable here ({}): JMX and the log line only", e.toString());
            return Optional.empty();
        }
    }

    @Override
    public void init(List<KafkaMetric> metrics) {
        metrics.forEach(this::metricChange);
    }

    @Override
    public void metricChange(KafkaMetric metric) {
        MetricName ours = metric.metricName();
        if (!ours.group().equals(group)) {
            return;
        }
        LinkedHashMap<String, String> tags = new LinkedHashMap<>(ours.tags());
        tags.keySet().removeAll(runtimeTags);
        Gauge<Object> gauge = (config, now) -> metric.metricValue();
        try {
            Object name = metricName.invoke(pluginMetrics, ours.name(), ours.description(), tags);
            removeQuietly(mirrored.remove(ours));
            addMetric.invoke(pluginMetrics, name, gauge);
            mirrored.put(ours, name);
        } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
            LOG.info("Metric {} not added to Connect's plugin metrics: {}", ours.name(), cause(e));
        }
    }

    @Override
    public void metricRemoval(KafkaMetric metric) {
        removeQuietly(mirrored.remove(metric.metricName()));
    }

    @Override
    public void close() {
        mirrored.values().forEach(this::removeQuietly);
        mirrored.clear();
    }

    @Override
    public void configure(Map<String, ?> configs) {
        // nothing to configure: everything comes from the task's context
    }

    private void removeQuietly(Object name) {
        if (name == null) {
            return;
        }
        try {
            removeMetric.invoke(pluginMetrics, name);
        } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
            LOG.debug("Plugin metric already gone: {}", cause(e));
        }
    }

    private static String cause(Exception e) {
        return (e instanceof InvocationTargetException ite && ite.getCause() != null ? ite.getCause() : e).toString();
    }

    /** A no-argument method callable from here: declared by a public class or interface of {@code type}. */
    private static Optional<Method> publicMethod(Class<?> type, String name) {
        for (Class<?> c : hierarchy(type)) {
            if (Modifier.isPublic(c.getModifiers())) {
                try {
                    Method m = c.getMethod(name);
                    if (Modifier.isPublic(m.getDeclaringClass().getModifiers())) {
                        return Optional.of(m);
                    }
                } catch (NoSuchMethodException e) {
                    // not here: look further up
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Class<?>> publicInterface(Class<?> type, String name) {
        return hierarchy(type).stream().filter(c -> c.isInterface() && c.getName().equals(name)).findFirst();
    }

    /** {@code type}, its superclasses and every interface they implement, nearest first. */
    private static List<Class<?>> hierarchy(Class<?> type) {
        List<Class<?>> seen = new ArrayList<>();
        Deque<Class<?>> todo = new ArrayDeque<>(List.of(type));
        while (!todo.isEmpty()) {
            Class<?> c = todo.pop();
            if (!seen.contains(c)) {
                seen.add(c);
                todo.addAll(List.of(c.getInterfaces()));
                if (c.getSuperclass() != null) {
                    todo.add(c.getSuperclass());
                }
            }
        }
        return seen;
    }
}
