package io.lakeloop.cli.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Produces a live clickstream at the pace of its own timestamps, on a thread of its own, so that faults can be injected
 * while it keeps producing: the record stamped {@code from + t} is sent {@code t} after {@link #start()}. Notes when
 * each record was handed to the producer (the start of its end-to-end latency) and the partition it went to.
 */
public final class PacedProducer implements AutoCloseable {

    private static final Duration TICK = Duration.ofMillis(5);

    private final DemoProducer producer;
    private final List<DemoRecord> records;
    private final long fromMs;
    private final long[] sentAtMs;
    private final int[] partitions;
    private final AtomicInteger sent = new AtomicInteger();
    private volatile boolean stopping;
    private volatile RuntimeException failure;
    private Thread thread;
    private long startMs;

    /** @param records in time order, stamped from {@code from} on */
    public PacedProducer(DemoProducer producer, List<DemoRecord> records, Instant from) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.records = List.copyOf(records);
        this.fromMs = from.toEpochMilli();
        this.sentAtMs = new long[records.size()];
        this.partitions = new int[records.size()];
        Arrays.fill(partitions, -1);
    }

    /** Starts producing now. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        startMs = System.currentTimeMillis();
        thread = new Thread(this::run, "lakeloop-demo-producer");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            int next = 0;
            while (next < records.size() && !stopping) {
                long now = System.currentTimeMillis();
                while (next < records.size() && startMs + records.get(next).timestampMs() - fromMs <= now) {
                    int index = next++;
                    sentAtMs[index] = now;
                    producer.sendAsync(records.get(index), partition -> partitions[index] = partition);
                    sent.incrementAndGet();
                }
                if (next < records.size()) {
                    long due = startMs + records.get(next).timestampMs() - fromMs;
                    Thread.sleep(Math.max(1, Math.min(due - System.currentTimeMillis(), TICK.toMillis())));
                }
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    /** Stops sending after the records already sent, and waits until the broker acknowledged them. */
    public void stop() {
        stopping = true;
        awaitDone(Duration.ofMinutes(3));
    }

    /** Waits until every record was sent and acknowledged (or {@link #stop()} ended it early). */
    public void awaitDone(Duration timeout) {
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t == null) {
            return;
        }
        try {
            t.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw failure;
        }
        producer.rethrowFailure();
    }

    public boolean done() {
        Thread t = thread;
        return t != null && !t.isAlive();
    }

    /** How many records were handed to the producer so far (the first {@code sent()} of the list). */
    public int sent() {
        return sent.get();
    }

    /** When record {@code index} was handed to the producer (epoch ms), 0 when not yet. */
    public long sentAtMs(int index) {
        return sentAtMs[index];
    }

    /** The partition record {@code index} went to, -1 while not acknowledged. */
    public int partition(int index) {
        return partitions[index];
    }

    public long startMs() {
        return startMs;
    }

    /** Seconds the whole list takes at its own pace. */
    public double plannedSeconds() {
        return records.isEmpty() ? 0 : (records.get(records.size() - 1).timestampMs() - fromMs) / 1000.0;
    }

    @Override
    public void close() {
        stopping = true;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }
}
