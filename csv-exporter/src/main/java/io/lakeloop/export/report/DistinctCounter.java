package io.lakeloop.export.report;

/**
 * Distinct values, exact (a set of 64-bit hashes) up to a bound, then a HyperLogLog estimate (and once past the
 * bound, {@link #add} no longer tells values seen before, so users with two interactions become a lower bound). With 64-bit hashes
 * two distinct ids collide with probability about n²/2⁶⁵ — below 10⁻⁸ for a million ids — so "exact" means that.
 */
public final class DistinctCounter {

    /** What {@link #add} learnt about a value. */
    public enum Seen { NEW, AGAIN, UNKNOWN }

    private final LongHashSet exact;
    private final HyperLogLog hll = new HyperLogLog();
    private boolean overflowed;

    public DistinctCounter(int exactLimit) {
        this.exact = new LongHashSet(exactLimit);
    }

    /** Counts a value; tells whether it was new, seen before, or (past the exact bound) cannot be told. */
    public Seen add(long hash) {
        hll.add(hash);
        if (overflowed) {
            return Seen.UNKNOWN; // past the bound only the estimate counts: no more random probes of the table
        }
        if (exact.contains(hash)) {
            return Seen.AGAIN;
        }
        if (exact.isFull()) {
            overflowed = true;
            return Seen.UNKNOWN;
        }
        exact.add(hash);
        return Seen.NEW;
    }

    public boolean isExact() {
        return !overflowed;
    }

    public long count() {
        return overflowed ? Math.max(hll.estimate(), exact.size()) : exact.size();
    }
}
