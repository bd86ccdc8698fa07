package io.lakeloop.cli.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Produces a live clickstream at the pace of its own timestamps, on a thread of its own, so that faults can be injected
 * while it keeps producing: the record stamped {@code from + t} is sent {@code t} after {@link #start()}. Takes the
 * stream piece by piece from a {@link LiveStream} until it ends or {@link #stop()}, and notes when each record was
 * handed to the producer (the start of its end-to-end latency) and the partition it went to.
 */
public final class PacedProducer implements AutoCloseable {

    private static final Duration TICK = Duration.ofMillis(5);

    /** One record handed to the producer. */
    private static final class Sent {
        final DemoRecord record;
        final long atMs;
        volatile int partition = -1;

        Sent(DemoRecord record, long atMs) {
            this.record = record;
            this.atMs = atMs;
        }
    }

    private final DemoProducer producer;
    private final LiveStream source;
    private final long fromMs;
    private final List<Sent> sent = new ArrayList<>();
    private volatile boolean stopping;
    private volatile RuntimeException failure;
    private Thread thread;
    private long startMs;

    public PacedProducer(DemoProducer producer, LiveStream source, Instant from) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.source = Objects.requireNonNull(source, "source");
        this.fromMs = from.toEpochMilli();
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
            List<DemoRecord> piece = source.nextPiece();
            int next = 0;
            while (!piece.isEmpty() && !stopping) {
                long now = System.currentTimeMillis();
                while (next < piece.size() && due(piece.get(next)) <= now) {
                    DemoRecord record = piece.get(next++);
                    // what each stage must hold is in the events: the value is dropped once handed over
                    Sent handed = new Sent(new DemoRecord(record.key(), "", record.timestampMs(), record.events()),
                            now);
                    synchronized (sent) {
                        sent.add(handed);
                    }
                    producer.sendAsync(record, partition -> handed.partition = partition);
                }
                if (next == piece.size()) {
                    piece = source.nextPiece();
                    next = 0;
                } else {
                    Thread.sleep(Math.max(1, Math.min(due(piece.get(next)) - System.currentTimeMillis(),
                            TICK.toMillis())));
                }
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    private long due(DemoRecord record) {
        return startMs + record.timestampMs() - fromMs;
    }

    /** Stops sending after the records already sent, and waits until the broker acknowledged them. */
    public void stop() {
        stopping = true;
        awaitDone(Duration.ofMinutes(3));
    }

    /** Waits until the stream ended and every record was acknowledged (or {@link #stop()} ended it early). */
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

    /** How many records were handed to the producer so far. */
    public int sent() {
        synchronized (sent) {
            return sent.size();
        }
    }

    /** The {@code index}-th record sent. */
    public DemoRecord record(int index) {
        return get(index).record;
    }

    /** When record {@code index} was handed to the producer (epoch ms). */
    public long sentAtMs(int index) {
        return get(index).atMs;
    }

    /** The partition record {@code index} went to, -1 while not acknowledged. */
    public int partition(int index) {
        return get(index).partition;
    }

    /** Every record sent so far, in order. */
    public List<DemoRecord> records() {
        synchronized (sent) {
            return sent.stream().map(s -> s.record).toList();
        }
    }

    private Sent get(int index) {
        synchronized (sent) {
            return sent.get(index);
        }
    }

    public long startMs() {
        return startMs;
    }

    @Override
    public void close() {
        stopping = true;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
        source.close();
    }
}
