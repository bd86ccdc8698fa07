package io.lakeloop.connect.personalize.client;

import io.lakeloop.connect.personalize.mapping.GroupKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Groups entries into calls: one open batch per group (for events the (user, session) pair), in arrival order.
 * A batch is emitted as soon as it holds {@code maxSize} entries, or once it has waited {@code linger} for more.
 * Emitted batches of one group keep their order (the sender sends them one after the other). Task thread only.
 */
public final class Batcher {

    private final int maxSize;
    private final long lingerNanos;
    private final LongSupplier nanoClock;
    private final LinkedHashMap<GroupKey, Open> open = new LinkedHashMap<>();
    private int buffered;

    public Batcher(int maxSize, Duration linger, LongSupplier nanoClock) {
        if (maxSize < 1) {
            throw new IllegalArgumentException("maxSize must be at least 1: " + maxSize);
        }
        this.maxSize = maxSize;
        this.lingerNanos = linger.toNanos();
        this.nanoClock = nanoClock;
    }

    /** Adds an entry; returns the batch it completed, or {@code null}. */
    public Batch add(Entry entry) {
        Open batch = open.get(entry.key());
        if (batch == null) {
            batch = new Open(nanoClock.getAsLong());
            open.put(entry.key(), batch);
        }
        batch.entries.add(entry);
        buffered++;
        if (batch.entries.size() >= maxSize) {
            open.remove(entry.key());
            buffered -= batch.entries.size();
            return new Batch(entry.key(), batch.entries);
        }
        return null;
    }

    /** Removes and returns the partial batches that have waited at least the linger time, oldest first. */
    public List<Batch> drainExpired() {
        long now = nanoClock.getAsLong();
        List<Batch> out = new ArrayList<>();
        Iterator<Map.Entry<GroupKey, Open>> it = open.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<GroupKey, Open> e = it.next();
            if (now - e.getValue().createdNanos < lingerNanos) {
                break; // insertion order is creation order: the rest are younger
            }
            out.add(emit(e, it));
        }
        return out;
    }

    /** Removes and returns every open batch, oldest first. */
    public List<Batch> drainAll() {
        List<Batch> out = new ArrayList<>();
        Iterator<Map.Entry<GroupKey, Open>> it = open.entrySet().iterator();
        while (it.hasNext()) {
            out.add(emit(it.next(), it));
        }
        return out;
    }

    /**
     * Nanoseconds until the oldest open batch has waited the linger time (0 when it already has), or -1 when no batch
     * is open: when the task must look again, even if no new record arrives, for {@link #drainExpired()} to emit it.
     */
    public long nanosUntilNextExpiry() {
        if (open.isEmpty()) {
            return -1;
        }
        long waited = nanoClock.getAsLong() - open.values().iterator().next().createdNanos;
        return Math.max(0, lingerNanos - waited);
    }

    /** Entries waiting in open batches. */
    public int buffered() {
        return buffered;
    }

    /** Drops every open batch (their records stay uncommitted and are delivered again). */
    public void clear() {
        open.clear();
        buffered = 0;
    }

    private Batch emit(Map.Entry<GroupKey, Open> e, Iterator<Map.Entry<GroupKey, Open>> it) {
        it.remove();
        buffered -= e.getValue().entries.size();
        return new Batch(e.getKey(), e.getValue().entries);
    }

    private static final class Open {
        final long createdNanos;
        final List<Entry> entries = new ArrayList<>();

        Open(long createdNanos) {
            this.createdNanos = createdNanos;
        }
    }
}
