package io.lakeloop.connect.personalize;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many taken records are not yet done (the memory the task holds), with hysteresis: once {@code max} is reached,
 * {@code put} waits until the count is back to {@code resumeAt}. Records close on the sender threads; only the
 * crossing of {@code resumeAt} wakes the waiting task thread, so a full buffer costs no wake-up per call.
 */
final class RecordBudget {

    private final int max;
    private final int resumeAt;
    private final AtomicInteger open = new AtomicInteger();
    private final Object lock = new Object();

    RecordBudget(int max) {
        this.max = max;
        this.resumeAt = Math.max(0, max - Math.max(1, max / 5));
    }

    void opened() {
        open.incrementAndGet();
    }

    void closed() {
        if (open.decrementAndGet() == resumeAt) {
            synchronized (lock) {
                lock.notifyAll();
            }
        }
    }

    int open() {
        return open.get();
    }

    int max() {
        return max;
    }

    boolean full() {
        return open.get() >= max;
    }

    /** True once the count is back to the resume mark. */
    boolean resumable() {
        return open.get() <= resumeAt;
    }

    /** Waits at most {@code millis} for the count to come back to the resume mark. */
    void awaitRoom(long millis) throws InterruptedException {
        synchronized (lock) {
            if (!resumable()) {
                TimeUnit.MILLISECONDS.timedWait(lock, millis);
            }
        }
    }
}
