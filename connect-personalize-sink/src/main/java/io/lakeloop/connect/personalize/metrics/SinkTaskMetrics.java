package io.lakeloop.connect.personalize.metrics;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counters of one task, readable over JMX (registered with the platform MBean server, which every Connect runtime,
 * 3.7 and 4.x alike, exposes) and summarised in an INFO line at most once per interval. Thread-safe.
 */
public final class SinkTaskMetrics implements SinkTaskMetricsMBean, AutoCloseable {

    public static final String DOMAIN = "io.lakeloop.connect.personalize";
    private static final Logger LOG = LoggerFactory.getLogger(SinkTaskMetrics.class);
    private static final int LATENCY_WINDOW = 2048;
    /**
     * Which instance holds each name now. A restarted task may register before the old instance of the same task
     * closes (a rebalance that outlives the graceful shutdown, a zombie): the newest takes the name, and the old one's
     * close must then leave it alone.
     */
    private static final Map<ObjectName, SinkTaskMetrics> OWNERS = new ConcurrentHashMap<>();

    private final LongAdder recordsIn = new LongAdder();
    private final LongAdder recordsSent = new LongAdder();
    private final LongAdder calls = new LongAdder();
    private final LongAdder throttled = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();
    private final LongAdder deadLetteredWithoutPayload = new LongAdder();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final long[] latencies = new long[LATENCY_WINDOW];
    private int latencyCount;
    private int latencyNext;
    private volatile IntSupplier buffered = () -> 0;
    private volatile LongSupplier bufferedBytes = () -> 0L;
    private ObjectName registeredAs;

    public void recordsIn(int n) {
        recordsIn.add(n);
    }

    public void sent(int n) {
        recordsSent.add(n);
    }

    public void callStarted() {
        calls.increment();
        inFlight.incrementAndGet();
    }

    public void callEnded(long nanos) {
        inFlight.decrementAndGet();
        synchronized (latencies) {
            latencies[latencyNext] = nanos;
            latencyNext = (latencyNext + 1) % LATENCY_WINDOW;
            latencyCount = Math.min(LATENCY_WINDOW, latencyCount + 1);
        }
    }

    public void throttled() {
        throttled.increment();
    }

    public void retry() {
        retries.increment();
    }

    public void deadLettered() {
        deadLettered.increment();
    }

    public void deadLetteredWithoutPayload() {
        deadLetteredWithoutPayload.increment();
    }

    public void bufferedGauge(IntSupplier supplier) {
        this.buffered = supplier;
    }

    public void bufferedBytesGauge(LongSupplier supplier) {
        this.bufferedBytes = supplier;
    }

    @Override public long getRecordsIn() { return recordsIn.sum(); }
    @Override public long getRecordsSent() { return recordsSent.sum(); }
    @Override public long getCalls() { return calls.sum(); }
    @Override public long getThrottledCalls() { return throttled.sum(); }
    @Override public long getRetries() { return retries.sum(); }
    @Override public long getDeadLettered() { return deadLettered.sum(); }
    @Override public int getInFlight() { return inFlight.get(); }
    @Override public long getDeadLetteredWithoutPayload() { return deadLetteredWithoutPayload.sum(); }
    @Override public int getBufferedRecords() { return buffered.getAsInt(); }
    @Override public long getBufferedBytes() { return bufferedBytes.getAsLong(); }

    @Override
    public double getCallLatencyAvgMs() {
        long[] window = window();
        return window.length == 0 ? 0 : Arrays.stream(window).average().orElse(0) / 1e6;
    }

    @Override
    public double getCallLatencyP99Ms() {
        long[] window = window();
        if (window.length == 0) {
            return 0;
        }
        Arrays.sort(window);
        return window[(int) Math.ceil(window.length * 0.99) - 1] / 1e6;
    }

    private long[] window() {
        synchronized (latencies) {
            return Arrays.copyOf(latencies, latencyCount);
        }
    }

    /** Registers the MBean, taking the name over from an older instance; a failure is logged, never fatal. */
    public void register(String connector, int task) {
        try {
            ObjectName name = new ObjectName(DOMAIN + ":type=personalize-sink-task-metrics,connector="
                    + ObjectName.quote(connector) + ",task=" + task);
            synchronized (OWNERS) {
                MBeanServer server = ManagementFactory.getPlatformMBeanServer();
                if (server.isRegistered(name)) {
                    server.unregisterMBean(name);
                }
                server.registerMBean(this, name);
                OWNERS.put(name, this);
                registeredAs = name;
            }
        } catch (JMException | RuntimeException e) {
            LOG.warn("Could not register the task's metrics MBean: {}", e.toString());
        }
    }

    /** One line for the INFO log: counts only, no ids. */
    public String summary() {
        return String.format("records in=%d, sent=%d, calls=%d, throttled=%d, retries=%d, dead-lettered=%d "
                        + "(%d without payload), in flight=%d, buffered=%d (%d KiB), call latency avg=%.1f ms "
                        + "p99=%.1f ms",
                getRecordsIn(), getRecordsSent(), getCalls(), getThrottledCalls(), getRetries(), getDeadLettered(),
                getDeadLetteredWithoutPayload(), getInFlight(), getBufferedRecords(), getBufferedBytes() / 1024,
                getCallLatencyAvgMs(), getCallLatencyP99Ms());
    }

    /** Unregisters the MBean, unless a newer instance of the same task has taken the name since. */
    @Override
    public void close() {
        if (registeredAs == null) {
            return;
        }
        synchronized (OWNERS) {
            if (OWNERS.remove(registeredAs, this)) {
                try {
                    ManagementFactory.getPlatformMBeanServer().unregisterMBean(registeredAs);
                } catch (JMException e) {
                    LOG.debug("Metrics MBean already gone: {}", e.toString());
                }
            }
            registeredAs = null;
        }
    }
}
