package io.lakeloop.streams.collator;

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
 * each of {@code bytesPerFilter}, kept in two fields: a lookup — up to three per event, on the stream thread — costs
 * two comparisons, not a boxed {@code Long} and a hash-map probe (which JFR showed at ~3 % of the stream thread).
 * Buckets are multiples of the retention ({@code DedupeProcessor.bucketOf}); a window the store holds at another
 * start (written under another retention) is one no lookup asks for, so it has no filter either. With
 * {@code bytesPerFilter == 0} there are no filters and every lookup goes to the store.
 */
final class SeenFilters {

    private static final long NONE = Long.MIN_VALUE;

    private final long retentionMs;
    private final long bytesPerFilter;
    /** The newest bucket added since the last {@link #clear}, or {@link #NONE}; its filter (never null then). */
    private long newestBucket = NONE;
    private IdBloomFilter newest;
    /** The filter of {@code newestBucket - retentionMs}, or null while nothing was added to that bucket. */
    private IdBloomFilter previous;

    SeenFilters(long retentionMs, long bytesPerFilter) {
        this.retentionMs = retentionMs;
        this.bytesPerFilter = bytesPerFilter;
    }

    boolean enabled() {
        return bytesPerFilter > 0;
    }

    /** Forgets every filter: the store is about to be read again from the start. */
    void clear() {
        newestBucket = NONE;
        newest = null;
        previous = null;
    }

    /** {@code false}: the store holds no key {@code key} in {@code bucket}; {@code true}: it may. */
    boolean mayHold(long bucket, byte[] key) {
        if (!enabled()) {
            return true;
        }
        IdBloomFilter filter = filterOf(bucket);
        return filter != null && filter.mightContain(key);
    }

    /** Records that the store holds (or is about to hold) {@code key} in {@code bucket}. */
    void add(long bucket, byte[] key) {
        if (!enabled() || expired(bucket) || Math.floorMod(bucket, retentionMs) != 0) {
            return; // the store returns nothing from an expired bucket, and no lookup asks for an unaligned one
        }
        if (newestBucket == NONE || bucket > newestBucket) {
            // the bucket just before the new newest one keeps its filter; anything older is expired
            previous = newestBucket != NONE && bucket - retentionMs == newestBucket ? newest : null;
            newest = new IdBloomFilter(bytesPerFilter);
            newestBucket = bucket;
        } else if (bucket != newestBucket && previous == null) {
            previous = new IdBloomFilter(bytesPerFilter); // the one live bucket before the newest (not expired)
        }
        (bucket == newestBucket ? newest : previous).add(key);
    }

    private IdBloomFilter filterOf(long bucket) {
        if (newestBucket == NONE) {
            return null;
        }
        if (bucket == newestBucket) {
            return newest;
        }
        return bucket == newestBucket - retentionMs ? previous : null;
    }

    /** Two retentions (the store's retention) or more behind the newest bucket added. */
    private boolean expired(long bucket) {
        return newestBucket != NONE && bucket <= newestBucket - 2 * retentionMs;
    }

    /** The buckets with a filter now (at most two). */
    int filters() {
        return (newest == null ? 0 : 1) + (previous == null ? 0 : 1);
    }

    /** The heap the filters take now, in bytes. */
    long heapBytes() {
        return (newest == null ? 0 : newest.sizeBytes()) + (previous == null ? 0 : previous.sizeBytes());
    }
}
