package io.lakeloop.emulator;

import java.util.ArrayList;
import java.util.List;

/**
 * A thread-safe append-only log that keeps at most {@code maxEntries} entries and about {@code maxBytes} of them
 * (by the caller's estimate): beyond either, the oldest are dropped and counted, so the emulator's memory stays
 * bounded however long it runs. Random access for paging.
 */
final class BoundedLog<T> {

    private static final int INITIAL = 1024;

    private final int maxEntries;
    private final long maxBytes;
    private Object[] ring;
    private long[] sizes;
    private int start;
    private int size;
    private long bytes;
    private long evicted;

    BoundedLog(int maxEntries, long maxBytes) {
        if (maxEntries < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("maxEntries and maxBytes must be at least 1: "
                    + maxEntries + ", " + maxBytes);
        }
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
        reset();
    }

    synchronized void add(T value, long estimatedBytes) {
        while (size > 0 && (size == maxEntries || bytes + estimatedBytes > maxBytes)) {
            bytes -= sizes[start];
            ring[start] = null;
            start = (start + 1) % ring.length;
            size--;
            evicted++;
        }
        if (size == ring.length) {
            grow();
        }
        int slot = (start + size) % ring.length;
        ring[slot] = value;
        sizes[slot] = estimatedBytes;
        bytes += estimatedBytes;
        size++;
    }

    @SuppressWarnings("unchecked")
    synchronized List<T> page(int offset, int limit) {
        int from = Math.max(0, Math.min(offset, size));
        int to = (int) Math.min(size, (long) from + Math.max(0, limit));
        List<T> out = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            out.add((T) ring[(start + i) % ring.length]);
        }
        return out;
    }

    synchronized List<T> all() {
        return page(0, size);
    }

    synchronized int size() {
        return size;
    }

    synchronized long bytes() {
        return bytes;
    }

    synchronized long evicted() {
        return evicted;
    }

    synchronized void clear() {
        reset();
    }

    private void reset() {
        ring = new Object[Math.min(maxEntries, INITIAL)];
        sizes = new long[ring.length];
        start = 0;
        size = 0;
        bytes = 0;
        evicted = 0;
    }

    private void grow() {
        int length = (int) Math.min(maxEntries, ring.length * 2L);
        Object[] grownRing = new Object[length];
        long[] grownSizes = new long[length];
        for (int i = 0; i < size; i++) {
            grownRing[i] = ring[(start + i) % ring.length];
            grownSizes[i] = sizes[(start + i) % ring.length];
        }
        ring = grownRing;
        sizes = grownSizes;
        start = 0;
    }
}
