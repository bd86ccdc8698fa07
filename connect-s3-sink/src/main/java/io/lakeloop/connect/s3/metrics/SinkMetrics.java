package io.lakeloop.connect.s3.metrics;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counters of one task, updated by the task thread and read over JMX. Upload latency covers each part upload and
 * each object completion (single PUT or CompleteMultipartUpload, with the state write before it).
 */
public final class SinkMetrics implements S3SinkMetricsMBean {

    private static final Logger LOG = LoggerFactory.getLogger(SinkMetrics.class);
    public static final String DOMAIN = "io.lakeloop.connect.s3";

    private final LongAdder records = new LongAdder();
    private final LongAdder recordBytes = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final LongAdder nullValuesIgnored = new LongAdder();
    private final LongAdder objects = new LongAdder();
    private final LongAdder parts = new LongAdder();
    private final LongAdder uploadedBytes = new LongAdder();
    private final LongAdder openFiles = new LongAdder();
    private final LongAdder earlyRotations = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder uploads = new LongAdder();
    private final LongAdder uploadNanos = new LongAdder();
    private volatile long uploadMaxNanos;
    private final LongSupplier buffered;
    private final long budget;
    private ObjectName registered;
    /** Which instance registered each name in this JVM (the platform MBean server only knows the wrapper). */
    private static final Map<ObjectName, SinkMetrics> OWNERS = new HashMap<>();

    public SinkMetrics(LongSupplier bufferedBytes, long budgetBytes) {
        this.buffered = bufferedBytes;
        this.budget = budgetBytes;
    }

    /**
     * Registers the MBean; a name clash (a task restarted in the same JVM while the old one still stops) replaces the
     * old one, whose later {@link #unregister()} then leaves the new one alone.
     */
    public void register(String connector, int task) {
        synchronized (OWNERS) {
            try {
                MBeanServer server = ManagementFactory.getPlatformMBeanServer();
                ObjectName name = objectName(connector, task);
                if (server.isRegistered(name)) {
                    server.unregisterMBean(name);
                }
                server.registerMBean(new StandardMBean(this, S3SinkMetricsMBean.class), name);
                OWNERS.put(name, this);
                registered = name;
            } catch (JMException e) {
                LOG.warn("S3 sink metrics not registered in JMX: {}", e.toString());
            }
        }
    }

    /** {@code io.lakeloop.connect.s3:type=s3-sink-task-metrics,connector=<name>,task=<n>}; odd names are quoted. */
    public static ObjectName objectName(String connector, int task) throws MalformedObjectNameException {
        boolean plain = connector.chars().noneMatch(c -> ",=:\"*?\\\n".indexOf(c) >= 0);
        return new ObjectName(DOMAIN + ":type=s3-sink-task-metrics,connector="
                + (plain ? connector : ObjectName.quote(connector)) + ",task=" + task);
    }

    /** Unregisters the MBean if it is still this task's (a restarted task may have registered its own since). */
    public void unregister() {
        synchronized (OWNERS) {
            if (registered != null && OWNERS.remove(registered, this)) {
                try {
                    ManagementFactory.getPlatformMBeanServer().unregisterMBean(registered);
                } catch (JMException e) {
                    LOG.debug("unregistering {} failed", registered, e);
                }
            }
            registered = null;
        }
    }

    public void recordWritten(int bytes) {
        records.increment();
        recordBytes.add(bytes);
    }

    public void deadLettered() {
        deadLettered.increment();
    }

    public void skipped() {
        skipped.increment();
    }

    public void nullValueIgnored() {
        nullValuesIgnored.increment();
    }

    public void fileOpened() {
        openFiles.increment();
    }

    public void fileClosed() {
        openFiles.decrement();
    }

    public void earlyRotation() {
        earlyRotations.increment();
    }

    public void retry() {
        retries.increment();
    }

    public void partUploaded(long bytes, long nanos) {
        parts.increment();
        uploadedBytes.add(bytes);
        latency(nanos);
    }

    /** @param putBytes bytes sent with a single PUT (0 for a multipart completion: its parts were counted) */
    public void objectWritten(long putBytes, long nanos) {
        objects.increment();
        uploadedBytes.add(putBytes);
        latency(nanos);
    }

    private void latency(long nanos) {
        uploads.increment();
        uploadNanos.add(nanos);
        if (nanos > uploadMaxNanos) {
            uploadMaxNanos = nanos;
        }
    }

    @Override public long getRecordsWritten() { return records.sum(); }

    @Override public long getRecordBytesWritten() { return recordBytes.sum(); }

    @Override public long getRecordsDeadLettered() { return deadLettered.sum(); }

    @Override public long getRecordsSkippedAsAlreadyLanded() { return skipped.sum(); }

    @Override public long getNullValuesIgnored() { return nullValuesIgnored.sum(); }

    @Override public long getObjectsWritten() { return objects.sum(); }

    @Override public long getPartsUploaded() { return parts.sum(); }

    @Override public long getUploadedBytes() { return uploadedBytes.sum(); }

    @Override public long getOpenFiles() { return openFiles.sum(); }

    @Override public long getBufferedBytes() { return buffered.getAsLong(); }

    @Override public long getMemoryBudgetBytes() { return budget; }

    @Override public long getEarlyRotationsForMemory() { return earlyRotations.sum(); }

    @Override public double getUploadLatencyAvgMs() {
        long n = uploads.sum();
        return n == 0 ? 0 : uploadNanos.sum() / 1e6 / n;
    }

    @Override public double getUploadLatencyMaxMs() { return uploadMaxNanos / 1e6; }

    @Override public long getRetries() { return retries.sum(); }
}
