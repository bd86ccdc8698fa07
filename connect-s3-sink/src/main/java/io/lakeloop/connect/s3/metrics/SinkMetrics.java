package io.lakeloop.connect.s3.metrics;

import io.lakeloop.metrics.MetricSpec;
import io.lakeloop.metrics.TaskMetrics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.utils.Sanitizer;

/**
 * The metrics of one S3 sink task, on core's {@link TaskMetrics}: the same kebab-case names on JMX
 * ({@code io.lakeloop.connect.s3:type=s3-sink-task-metrics,connector=…,task=…}), in Connect's plugin metrics (4.1+)
 * and in the periodic {@code lakeloop-metrics} log line. Counters publish {@code <name>-total} and {@code <name>-rate};
 * upload latency (each part upload, and each object completion with the state write before it) publishes
 * {@code upload-latency-avg|max|p50|p99} in milliseconds. Updated on the task thread.
 *
 * <p>{@link #recordWritten} runs once per record: it only adds to two counters, which {@link #flush()} (end of each
 * {@code put}, and on close) hands to the sensors, so the hot path never takes a sensor's lock; the swap is atomic, so
 * a flush from another thread (a test reading a total) loses no count.
 */
public final class SinkMetrics implements AutoCloseable {

    public static final String DOMAIN = "io.lakeloop.connect.s3";
    public static final String GROUP = "s3-sink-task-metrics";
    /** Longer uploads count as this long in the percentiles (the histogram's range; 30 ms buckets). */
    private static final double LATENCY_RANGE_MS = 30_000;

    private final TaskMetrics metrics;
    private final Sensor written;
    private final Sensor writtenBytes;
    private final Sensor landed;
    private final Sensor deadLettered;
    private final Sensor skipped;
    private final Sensor nullValuesIgnored;
    private final Sensor objects;
    private final Sensor parts;
    private final Sensor uploadedBytes;
    private final Sensor earlyRotations;
    private final Sensor retries;
    private final Sensor uploadLatency;
    private final AtomicLong openFiles = new AtomicLong();
    private final AtomicLong pendingRecords = new AtomicLong();
    private final AtomicLong pendingBytes = new AtomicLong();

    private SinkMetrics(TaskMetrics metrics, LongSupplier bufferedBytes, long budgetBytes) {
        this.metrics = metrics;
        written = metrics.counter("records-written", "Records rendered into open objects");
        writtenBytes = metrics.counter("record-bytes-written", "Bytes of rendered records, before compression");
        landed = metrics.counter("records-landed", "Records in objects completed in S3");
        deadLettered = metrics.counter("records-dead-lettered", "Records sent to the errant-record reporter (DLQ)");
        skipped = metrics.counter("records-skipped-as-already-landed",
                "Redelivered records skipped because a completed object already holds them");
        nullValuesIgnored = metrics.counter("null-values-ignored",
                "Records with a null value skipped under behavior.on.null.values=ignore");
        objects = metrics.counter("objects-written", "Objects completed (single PUT or multipart completion)");
        parts = metrics.counter("parts-uploaded", "Multipart parts uploaded");
        uploadedBytes = metrics.counter("uploaded-bytes", "Bytes sent to S3 in parts and single PUTs");
        earlyRotations = metrics.counter("early-rotations-for-memory",
                "Objects completed early because the task's memory budget was reached");
        retries = metrics.counter("retries", "Batches Connect redelivers after a transient S3 failure");
        uploadLatency = metrics.latency("upload-latency", "Part upload or object completion", LATENCY_RANGE_MS);
        metrics.gauge("open-files", "Objects open now", openFiles::get);
        metrics.gauge("buffered-bytes", "Bytes the task holds now (chunks, parts in flight, open streams)",
                bufferedBytes::getAsLong);
        metrics.gauge("memory-budget-bytes", "The task's memory budget (memory.budget.bytes)", () -> budgetBytes);
    }

    /**
     * Registers the metrics of one task.
     *
     * @param logInterval    how often the log line is written ({@code metrics.log.interval.ms}; zero: only on close)
     * @param connectContext the task's context (Connect's plugin metrics on 4.1+), or null
     */
    public static SinkMetrics start(String connector, int task, Duration logInterval, Object connectContext,
                                    LongSupplier bufferedBytes, long budgetBytes) {
        TaskMetrics metrics = TaskMetrics.builder(DOMAIN, GROUP).tag("connector", connector)
                .tag("task", Integer.toString(task)).logInterval(logInterval).connectContext(connectContext).build();
        return new SinkMetrics(metrics, bufferedBytes, budgetBytes);
    }

    public void recordWritten(int bytes) {
        pendingRecords.incrementAndGet();
        pendingBytes.addAndGet(bytes);
    }

    /** Hands the per-record counts gathered since the last call to the sensors (safe from any thread). */
    public void flush() {
        long n = pendingRecords.getAndSet(0);
        long bytes = pendingBytes.getAndSet(0);
        if (n > 0) {
            written.record(n);
            writtenBytes.record(bytes);
        }
    }

    public void deadLettered() {
        deadLettered.record();
    }

    public void skipped() {
        skipped.record();
    }

    public void nullValueIgnored() {
        nullValuesIgnored.record();
    }

    public void fileOpened() {
        openFiles.incrementAndGet();
    }

    public void fileClosed() {
        openFiles.decrementAndGet();
    }

    public long openFiles() {
        return openFiles.get();
    }

    public void earlyRotation() {
        earlyRotations.record();
    }

    public void retry() {
        retries.record();
    }

    public void partUploaded(long bytes, long nanos) {
        parts.record();
        uploadedBytes.record(bytes);
        uploadLatency.record(nanos / 1e6);
    }

    /**
     * @param records  records the object holds
     * @param putBytes bytes sent with a single PUT (0 for a multipart completion: its parts were counted)
     */
    public void objectWritten(long records, long putBytes, long nanos) {
        objects.record();
        landed.record(records);
        if (putBytes > 0) {
            uploadedBytes.record(putBytes);
        }
        uploadLatency.record(nanos / 1e6);
    }

    /** The total of a counter since the task started, e.g. {@code total("records-landed")}. */
    public long total(String counter) {
        flush();
        return (long) metrics.value(counter + "-total");
    }

    /** Any of the task's metrics by its full name (NaN when a window has no sample yet). */
    public double value(String metric) {
        flush();
        return metrics.value(metric);
    }

    /** What the task publishes, in registration order (the docs' table and the dashboards' checks come from it). */
    public List<MetricSpec> specs() {
        return metrics.specs();
    }

    /** The JMX object name, as Kafka's JmxReporter registers it. */
    public String jmxName() {
        return metrics.jmxName();
    }

    /** The JMX object name of a task's metrics (odd connector names are quoted, as Kafka's JmxReporter does). */
    public static ObjectName objectName(String connector, int task) throws MalformedObjectNameException {
        return new ObjectName(DOMAIN + ":type=" + GROUP + ",connector=" + Sanitizer.jmxSanitize(connector)
                + ",task=" + task);
    }

    /** Flushes, logs the final line and unregisters (unless a restarted instance of the task took the name over). */
    @Override
    public void close() {
        flush();
        metrics.close();
    }
}
