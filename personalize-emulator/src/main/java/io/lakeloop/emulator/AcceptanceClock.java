package io.lakeloop.emulator;

import java.util.OptionalLong;

/**
 * When each recorded record was accepted (epoch milliseconds, the moment its call was recorded, just before the 200),
 * by sequence number: what lets a caller measure end-to-end latency by joining its own send times on event ids. A
 * ring of the most recent {@code capacity} sequence numbers; older ones are forgotten, like evicted records.
 */
final class AcceptanceClock {

    private static final int INITIAL = 1024;

    private final int capacity;
    private long[] times = new long[INITIAL];
    private long newest;

    AcceptanceClock(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
    }

    /** Records that sequences {@code first..last} (from 1) were accepted at {@code epochMillis}. */
    synchronized void stamp(long first, long last, long epochMillis) {
        for (long sequence = first; sequence <= last; sequence++) {
            ensureRoom(sequence);
            times[(int) (sequence % times.length)] = epochMillis;
            newest = Math.max(newest, sequence);
        }
    }

    /** When {@code sequence} was accepted, unless it is unknown or too old to be remembered. */
    synchronized OptionalLong acceptedAt(long sequence) {
        if (sequence < 1 || sequence > newest || sequence <= newest - times.length) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(times[(int) (sequence % times.length)]);
    }

    private void ensureRoom(long sequence) {
        if (sequence < times.length || times.length >= capacity) {
            return;
        }
        // nothing has wrapped yet (every sequence so far was below the length): a plain copy keeps the slots
        long wanted = Math.max(sequence + 1, 2L * times.length);
        long[] grown = new long[(int) Math.min(capacity, wanted)];
        System.arraycopy(times, 0, grown, 0, times.length);
        times = grown;
    }
}
