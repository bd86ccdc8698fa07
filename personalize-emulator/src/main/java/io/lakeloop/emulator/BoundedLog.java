package io.lakeloop.emulator;

import java.util.ArrayList;
import java.util.List;

/**
 * A thread-safe append-only log that keeps at most {@code capacity} entries: beyond it the oldest are dropped and
 * counted, so the emulator's memory stays bounded however long it runs. Random access for paging.
 */
final class BoundedLog<T> {

    private final int capacity;
    private Object[] ring;
    private int start;
    private int size;
    private long evicted;

    BoundedLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
        this.ring = new Object[Math.min(capacity, 1024)];
    }

    synchronized void add(T value) {
        if (size == capacity) {
            ring[start] = value;
            start = (start + 1) % capacity;
            evicted++;
            return;
        }
        if (size == ring.length) {
            Object[] grown = new Object[(int) Math.min((long) capacity, ring.length * 2L)];
            for (int i = 0; i < size; i++) {
                grown[i] = ring[(start + i) % ring.length];
            }
            ring = grown;
            start = 0;
        }
        ring[(start + size) % ring.length] = value;
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

    synchronized long evicted() {
        return evicted;
    }

    synchronized void clear() {
        ring = new Object[Math.min(capacity, 1024)];
        start = 0;
        size = 0;
        evicted = 0;
    }
}
