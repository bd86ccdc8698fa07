package io.lakeloop.streams.collator;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The dedupe store's in-heap front ({@link DedupeProcessor}): one {@link IdBloomFilter} per retention bucket, so a new
 * event — almost every event — is known "never seen" without a RocksDB lookup. Correct as long as two invariants hold,
 * which {@link DedupeProcessor} keeps:
 *
 * <ol>
 *   <li>the filter of a bucket holds every key the store holds in that bucket: a filter is filled from the whole store
 *       when the task (re)starts processing ({@code Processor.init}), and with every key before it is put;</li>
 *   <li>a bucket without a filter has nothing the store would return: a filter is created for a bucket only when a
 *       key is first added to it (by the fill or a put), and dropped only once the bucket is two retentions behind
 *       the newest bucket added — by then the store's own stream time, which is at least that bucket, has expired it
 *       (a window store returns nothing older than its retention, here two buckets).</li>
 * </ol>
 *
 * So {@link #mayHold} never answers {@code false} for a key the store would find; a {@code true} is checked against
 * the store, which decides exactly. A task therefore holds at most two filters (the newest bucket and the one before),
 * each of {@code bytesPerFilter}. With {@code bytesPerFilter == 0} there are no filters and every lookup goes to the
 * store.
 */
final class SeenFilters {

    private final long retentionMs;
    private final long bytesPerFilter;
    private final Map<Long, IdBloomFilter> byBucket = new HashMap<>(4);
    private long newestBucket = Long.MIN_VALUE;

    SeenFilters(long retentionMs, long bytesPerFilter) {
        this.retentionMs = retentionMs;
        this.bytesPerFilter = bytesPerFilter;
    }

    boolean enabled() {
        return bytesPerFilter > 0;
    }

    /** Forgets every filter: the store is about to be read again from the start. */
    void clear() {
        byBucket.clear();
        newestBucket = Long.MIN_VALUE;
    }

    /** {@code false}: the store holds no key {@code key} in {@code bucket}; {@code true}: it may. */
    boolean mayHold(long bucket, byte[] key) {
        if (!enabled()) {
            return true;
        }
        IdBloomFilter filter = byBucket.get(bucket);
        return filter != null && filter.mightContain(key);
    }

    /** Records that the store holds (or is about to hold) {@code key} in {@code bucket}. */
    void add(long bucket, byte[] key) {
        if (!enabled() || expired(bucket)) {
            return; // the store returns nothing from an expired bucket: nothing to remember
        }
        byBucket.computeIfAbsent(bucket, b -> new IdBloomFilter(bytesPerFilter)).add(key);
        if (bucket > newestBucket) {
            newestBucket = bucket;
            for (Iterator<Long> it = byBucket.keySet().iterator(); it.hasNext(); ) {
                if (expired(it.next())) {
                    it.remove();
                }
            }
        }
    }

    /** Two retentions (the store's retention) or more behind the newest bucket added. */
    private boolean expired(long bucket) {
        return newestBucket != Long.MIN_VALUE && bucket <= newestBucket - 2 * retentionMs;
    }

    /** The buckets with a filter now (at most two). */
    int filters() {
        return byBucket.size();
    }

    /** The heap the filters take now, in bytes. */
    long heapBytes() {
        return byBucket.values().stream().mapToLong(IdBloomFilter::sizeBytes).sum();
    }
}
