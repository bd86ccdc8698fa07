package io.lakeloop.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.JmxReporter;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.KafkaMetricsContext;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.MetricsReporter;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.Max;
import org.apache.kafka.common.metrics.stats.Meter;
import org.apache.kafka.common.metrics.stats.Percentile;
import org.apache.kafka.common.metrics.stats.Percentiles;
import org.apache.kafka.common.metrics.stats.Percentiles.BucketSizing;
import org.apache.kafka.common.utils.Sanitizer;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metrics of one task of a Lakeloop plugin, on Kafka's own metrics library (which every Connect runtime has).
 * One registration ({@link #counter}, {@link #latency}, {@link #gauge}) publishes each metric, under the same
 * kebab-case name, three ways:
 * <ol>
 *   <li>JMX, through Kafka's {@link JmxReporter}: {@code <domain>:type=<group>,<tag>=<value>…} (scrape it with the
 *       Prometheus JMX exporter); a task restarted in the same JVM before its old instance stopped keeps the name
 *       ({@link OwnedJmxReporter});</li>
 *   <li>Connect's plugin metrics (KIP-877) on Connect 4.1+, so every reporter the worker is configured with sees them
 *       ({@code type=plugins} with the runtime's connector and task tags); skipped, with no error, on older runtimes;</li>
 *   <li>a {@link MetricsLogLine} at INFO every {@code logInterval} and when closed: on MSK Connect, which has neither
 *       JMX access nor KIP-877, the only window.</li>
 * </ol>
 * Thread-safe: sensors may be recorded from any thread.
 */
public final class TaskMetrics implements AutoCloseable {

    private static final Pattern KEBAB = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final int PERCENTILE_BYTES = 4_000;

    private final Metrics metrics;
    private final String domain;
    private final String group;
    private final Map<String, String> tags;
    private final Logger log;
    private final ScheduledExecutorService logSchedule;
    private final Optional<PluginMetricsReporter> pluginMetrics;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<MetricSpec> specs = new CopyOnWriteArrayList<>();

    private TaskMetrics(Builder b) {
        this.domain = b.domain;
        this.group = b.group;
        this.tags = Collections.unmodifiableMap(new LinkedHashMap<>(b.tags)); // the log line keeps their order
        this.log = b.logger;
        // the library's own "count of metrics" would be one MBean shared (and fought over) by every task
        List<MetricsReporter> reporters = new ArrayList<>(List.of(new OwnedJmxReporter(jmxName(),
                Map.of(JmxReporter.EXCLUDE_CONFIG, ".*:type=kafka-metrics-count.*"))));
        this.pluginMetrics = PluginMetricsReporter.forContext(b.context, group, b.tags.keySet());
        pluginMetrics.ifPresent(reporters::add);
        this.metrics = new Metrics(new MetricConfig(), reporters, b.time, new KafkaMetricsContext(domain));
        this.logSchedule = b.logInterval.isZero() ? null : startLogging(b.logInterval);
    }

    /**
     * @param domain the JMX domain, e.g. {@code io.lakeloop.connect.s3}
     * @param group  the metric group, kebab-case, e.g. {@code s3-sink-task-metrics} (the JMX {@code type})
     */
    public static Builder builder(String domain, String group) {
        return new Builder(domain, group);
    }

    /**
     * A count: {@code <name>-total} (since the task started) and {@code <name>-rate} (per second over the recent
     * window). Record the number of things each time ({@code sensor.record(n)}, or {@code record()} for one).
     */
    public Sensor counter(String name, String description) {
        Sensor sensor = metrics.sensor(group + "." + checked(name));
        specs.add(MetricSpec.of(name, MetricSpec.Kind.COUNTER, description));
        sensor.add(new Meter(metricName(name + "-rate", description + " (per second)"),
                metricName(name + "-total", description + " (total)")));
        return sensor;
    }

    /**
     * A duration in milliseconds: {@code <name>-avg}, {@code <name>-max}, {@code <name>-p50} and {@code <name>-p99}
     * over the recent window. {@code maxMs} bounds the percentiles' histogram (larger values count as the maximum).
     */
    public Sensor latency(String name, String description, double maxMs) {
        Sensor sensor = metrics.sensor(group + "." + checked(name));
        specs.add(MetricSpec.of(name, MetricSpec.Kind.LATENCY, description));
        sensor.add(metricName(name + "-avg", description + " (average, ms)"), new Avg());
        sensor.add(metricName(name + "-max", description + " (maximum, ms)"), new Max());
        sensor.add(new Percentiles(PERCENTILE_BYTES, maxMs, BucketSizing.LINEAR,
                new Percentile(metricName(name + "-p50", description + " (median, ms)"), 50),
                new Percentile(metricName(name + "-p99", description + " (99th percentile, ms)"), 99)));
        return sensor;
    }

    /** A value read when published, e.g. calls in flight or bytes buffered now. */
    public void gauge(String name, String description, Supplier<? extends Number> value) {
        Objects.requireNonNull(value, "value");
        Gauge<Number> gauge = (config, now) -> value.get();
        metrics.addMetric(metricName(checked(name), description), gauge);
        specs.add(MetricSpec.of(name, MetricSpec.Kind.GAUGE, description));
    }

    /** What was registered, in order: the source of the metrics tables in the docs and of dashboard checks. */
    public List<MetricSpec> specs() {
        return List.copyOf(specs);
    }

    /** The metric group (the JMX {@code type}). */
    public String group() {
        return group;
    }

    /** The current value of one of this task's metrics (tests and benchmarks), NaN when it has no sample yet. */
    public double value(String metric) {
        KafkaMetric m = metrics.metric(metricName(metric, ""));
        if (m == null) {
            throw new IllegalArgumentException("no metric " + metric + " in group " + group);
        }
        return toDouble(m.metricValue());
    }

    /** Every metric of this task with its current value, as logged. */
    public MetricsLogLine snapshot() {
        Map<String, Double> values = new LinkedHashMap<>();
        metrics.metrics().forEach((name, metric) -> {
            if (name.group().equals(group)) {
                values.put(name.name(), toDouble(metric.metricValue()));
            }
        });
        return new MetricsLogLine(group, tags, values);
    }

    /** Logs the metrics line at INFO now (also done every interval and on close). */
    public void logNow() {
        MetricsLogLine line = snapshot();
        log.info("{}", MetricsLogLine.format(line.group(), tags, line.values()));
    }

    /** The JMX object name of this task's metrics, as Kafka's JmxReporter registers it. */
    public String jmxName() {
        StringBuilder sb = new StringBuilder(domain).append(":type=").append(group);
        tags.forEach((k, v) -> sb.append(',').append(k).append('=').append(Sanitizer.jmxSanitize(v)));
        return sb.toString();
    }

    /** Whether the runtime took the metrics into its plugin metrics (Connect 4.1+). */
    public boolean inPluginMetrics() {
        return pluginMetrics.isPresent();
    }

    /** Logs the final line, stops the schedule and removes every metric from JMX and the plugin metrics. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (logSchedule != null) {
            logSchedule.shutdownNow();
        }
        logSafely();
        metrics.close();
    }

    private ScheduledExecutorService startLogging(Duration interval) {
        ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lakeloop-metrics-log-" + group + tags.values());
            t.setDaemon(true);
            return t;
        });
        long ms = interval.toMillis();
        schedule.scheduleAtFixedRate(this::logSafely, ms, ms, TimeUnit.MILLISECONDS);
        return schedule;
    }

    private void logSafely() {
        try {
            logNow();
        } catch (RuntimeException e) {
            log.warn("Could not log the metrics line: {}", e.toString());
        }
    }

    private MetricName metricName(String name, String description) {
        return metrics.metricName(name, group, description, tags);
    }

    private static String checked(String name) {
        if (!KEBAB.matcher(name).matches()) {
            throw new IllegalArgumentException("metric names are kebab-case (like Kafka's own): " + name);
        }
        return name;
    }

    private static double toDouble(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** How a {@link TaskMetrics} is set up. */
    public static final class Builder {
        private final String domain;
        private final String group;
        private final Map<String, String> tags = new LinkedHashMap<>();
        private Duration logInterval = Duration.ofMinutes(1);
        private Object context;
        private Time time = Time.SYSTEM;
        private Logger logger = LoggerFactory.getLogger(TaskMetrics.class);

        private Builder(String domain, String group) {
            this.domain = Objects.requireNonNull(domain, "domain");
            this.group = checked(group);
        }

        /** An identity tag, e.g. {@code connector} and {@code task}: part of the JMX name and the log line. */
        public Builder tag(String key, String value) {
            tags.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** How often the line is logged; zero turns the periodic line off (it is still logged on close). */
        public Builder logInterval(Duration interval) {
            if (interval.isNegative()) {
                throw new IllegalArgumentException("negative interval: " + interval);
            }
            this.logInterval = interval;
            return this;
        }

        /**
         * The task's (or connector's) Connect context: on Connect 4.1+ the metrics also go to its plugin metrics.
         * The identity tags are left out there, since the runtime adds its own connector and task tags.
         */
        public Builder connectContext(Object context) {
            this.context = context;
            return this;
        }

        /** Where the line is logged (default: this class's logger). */
        public Builder logger(Logger logger) {
            this.logger = Objects.requireNonNull(logger, "logger");
            return this;
        }

        public Builder time(Time time) {
            this.time = Objects.requireNonNull(time, "time");
            return this;
        }

        public TaskMetrics build() {
            return new TaskMetrics(this);
        }
    }
}
