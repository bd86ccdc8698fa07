package io.lakeloop.connect.personalize;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * What the task holds of records taken and not yet done — their number and about how many bytes — with hysteresis:
 * once either reaches its maximum, {@code put} waits until both are back to four fifths of it. Records close on the
 * sender threads; only a close that brings both under the marks while the task thread waits wakes it.
 */
final class RecordBudget {

    /** Per record besides its key and value: the SinkRecord, the pending state, the SDK objects' own fields. */
    private static final long RECORD_OVERHEAD = 400;

    private final int maxRecords;
    private final int resumeRecords;
    private final long maxBytes;
    private final long resumeBytes;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    private final Object lock = new Object();
    private volatile boolean waiting;

    RecordBudget(int maxRecords, long maxBytes) {
        this.maxRecords = maxRecords;
        this.resumeRecords = Math.max(0, maxRecords - Math.max(1, maxRecords / 5));
        this.maxBytes = maxBytes;
        this.resumeBytes = maxBytes - maxBytes / 5;
    }

    /**
     * About how much heap a record holds until it is done: key and value (a string's characters take two bytes) and
     * what it is mapped to (the SDK objects hold the same text again), plus a fixed overhead.
     */
    static long estimate(SinkRecord record) {
        return RECORD_OVERHEAD + PayloadSize.inMemory(record.key()) + 2 * PayloadSize.inMemory(record.value());
    }

    void opened(PendingRecord record) {
        open.incrementAndGet();
        bytes.addAndGet(record.bytes());
    }

    void closed(PendingRecord record) {
        open.decrementAndGet();
        bytes.addAndGet(-record.bytes());
        if (waiting && resumable()) {
            synchronized (lock) {
                lock.notifyAll();
            }
        }
    }

    int open() {
        return open.get();
    }

    long bytes() {
        return bytes.get();
    }

    int maxRecords() {
        return maxRecords;
    }

    long maxBytes() {
        return maxBytes;
    }

    boolean full() {
        return open.get() >= maxRecords || bytes.get() >= maxBytes;
    }

    /** True once both the count and the bytes are back to their resume marks. */
    boolean resumable() {
        return open.get() <= resumeRecords && bytes.get() <= resumeBytes;
    }

    /** Waits at most {@code millis} for the count and bytes to come back to their resume marks. */
    void awaitRoom(long millis) throws InterruptedException {
        synchronized (lock) {
            waiting = true;
            try {
                if (!resumable()) {
                    TimeUnit.MILLISECONDS.timedWait(lock, millis);
                }
            } finally {
                waiting = false;
            }
        }
    }
}
