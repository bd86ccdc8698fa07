package io.lakeloop.connect.personalize.metrics;

import io.lakeloop.metrics.MetricSpec;
import io.lakeloop.metrics.MetricsLogLine;
import io.lakeloop.metrics.TaskMetrics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import org.apache.kafka.common.metrics.Sensor;

/**
 * The metrics of one Personalize sink task, on core's {@link TaskMetrics}: the same kebab-case names (consistent with
 * the S3 sink's) on JMX ({@code io.lakeloop.connect.personalize:type=personalize-sink-task-metrics,connector=…,task=…}),
 * in Connect's plugin metrics (4.1+) and in the periodic {@code lakeloop-metrics} log line. Counters publish
 * {@code <name>-total} and {@code <name>-rate}; call latency publishes {@code call-latency-avg|max|p50|p99} in
 * milliseconds. Thread-safe: the sender's threads and the task thread record into it.
 */
public final class SinkTaskMetrics implements AutoCloseable {

    public static final String DOMAIN = "io.lakeloop.connect.personalize";
    public static final String GROUP = "personalize-sink-task-metrics";
    /** Longer calls count as this long in the percentiles (the histogram's range; 10 ms buckets). */
    private static final double LATENCY_RANGE_MS = 10_000;

    private final TaskMetrics metrics;
    private final Sensor recordsIn;
    private final Sensor recordsSent;
    private final Sensor calls;
    private final Sensor throttled;
    private final Sensor retries;
    private final Sensor deadLettered;
    private final Sensor deadLetteredWithoutPayload;
    private final Sensor callLatency;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile IntSupplier buffered = () -> 0;
    private volatile LongSupplier bufferedBytes = () -> 0L;

    private SinkTaskMetrics(TaskMetrics metrics) {
        this.metrics = metrics;
        recordsIn = metrics.counter("records-in", "Kafka records the task was given");
        recordsSent = metrics.counter("records-sent",
                "Events (or items, users, actions, action interactions) Personalize accepted");
        calls = metrics.counter("calls", "API calls made, every attempt counted");
        throttled = metrics.counter("throttled-calls", "Calls answered with throttling (429)");
        retries = metrics.counter("retries", "Attempts that were retries of a failed call");
        deadLettered = metrics.counter("records-dead-lettered",
                "Records routed to the dead-letter queue (or logged when none is configured)");
        deadLetteredWithoutPayload = metrics.counter("records-dead-lettered-without-payload",
                "Dead letters written without key and value because they would not fit "
                        + "(dead.letter.max.payload.bytes)");
        callLatency = metrics.latency("call-latency", "API call, each attempt", LATENCY_RANGE_MS);
        metrics.gauge("in-flight", "Calls in flight now", inFlight::get);
        metrics.gauge("buffered-records", "Records taken and not yet handed on (offsets not committed yet)",
                () -> buffered.getAsInt());
        metrics.gauge("buffered-bytes", "About how many bytes the records taken and not yet handed on hold "
                + "(bounded by max.buffered.bytes)", () -> bufferedBytes.getAsLong());
    }

    /**
     * Registers the metrics of one task; a task restarted in the same JVM before its old instance stopped takes the
     * MBean over, and the old instance's {@link #close()} leaves it alone.
     *
     * @param logInterval    how often the log line is written ({@code metrics.log.interval.ms}; zero: only on close)
     * @param connectContext the task's context (Connect's plugin metrics on 4.1+), or null
     */
    public static SinkTaskMetrics start(String connector, int task, Duration logInterval, Object connectContext) {
        return new SinkTaskMetrics(TaskMetrics.builder(DOMAIN, GROUP).tag("connector", connector)
                .tag("task", Integer.toString(task)).logInterval(logInterval).connectContext(connectContext).build());
    }

    public void recordsIn(int n) {
        recordsIn.record(n);
    }

    public void sent(int n) {
        recordsSent.record(n);
    }

    public void callStarted() {
        calls.record();
        inFlight.incrementAndGet();
    }

    public void callEnded(long nanos) {
        inFlight.decrementAndGet();
        callLatency.record(nanos / 1e6);
    }

    public void throttled() {
        throttled.record();
    }

    public void retry() {
        retries.record();
    }

    public void deadLettered() {
        deadLettered.record();
    }

    public void deadLetteredWithoutPayload() {
        deadLetteredWithoutPayload.record();
    }

    public void bufferedGauge(IntSupplier supplier) {
        this.buffered = supplier;
    }

    public void bufferedBytesGauge(LongSupplier supplier) {
        this.bufferedBytes = supplier;
    }

    /** The total of a counter since the task started, e.g. {@code total("records-sent")}. */
    public long total(String counter) {
        return (long) metrics.value(counter + "-total");
    }

    /** Any of the task's metrics by its full name (NaN when a window has no sample yet). */
    public double value(String metric) {
        return metrics.value(metric);
    }

    /** The metrics as the log line shows them (benchmarks print it). */
    public String summary() {
        MetricsLogLine line = metrics.snapshot();
        return MetricsLogLine.format(line.group(), line.tags(), line.values());
    }

    /** Whether Connect's plugin metrics (4.1+) carry them too. */
    public boolean inPluginMetrics() {
        return metrics.inPluginMetrics();
    }

    /** What the task publishes, in registration order (the docs' table and the dashboards' checks come from it). */
    public List<MetricSpec> specs() {
        return metrics.specs();
    }

    /** The JMX object name, as Kafka's JmxReporter registers it. */
    public String jmxName() {
        return metrics.jmxName();
    }

    /** Logs the final line and unregisters (unless a restarted instance of the task took the name over). */
    @Override
    public void close() {
        metrics.close();
    }
}
