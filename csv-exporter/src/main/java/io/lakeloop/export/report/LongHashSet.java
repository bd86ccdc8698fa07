package io.lakeloop.export.report;

/**
 * An open-addressing set of 64-bit hashes with a fixed maximum number of keys (so a fixed maximum heap:
 * 16 bytes per key at most). Zero is stored as a reserved value; the table doubles up to the maximum.
 */
final class LongHashSet {

    private static final long ZERO_STANDIN = 0x5DEECE66DL;

    private final int maxKeys;
    private long[] table;
    private int size;

    LongHashSet(int maxKeys) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be positive");
        }
        this.maxKeys = maxKeys;
        this.table = new long[Math.min(1024, tableSizeFor(maxKeys))];
    }

    private static int tableSizeFor(int keys) {
        return Integer.highestOneBit(Math.max(2, keys) * 2 - 1) * 2;
    }

    boolean contains(long h) {
        long k = h == 0 ? ZERO_STANDIN : h;
        int mask = table.length - 1;
        for (int i = (int) (k ^ (k >>> 32)) & mask; ; i = (i + 1) & mask) {
            long v = table[i];
            if (v == k) {
                return true;
            }
            if (v == 0) {
                return false;
            }
        }
    }

    /** @return true when added, false when present; throws {@link IllegalStateException} when full */
    boolean add(long h) {
        long k = h == 0 ? ZERO_STANDIN : h;
        int mask = table.length - 1;
        int i = (int) (k ^ (k >>> 32)) & mask;
        for (; ; i = (i + 1) & mask) {
            long v = table[i];
            if (v == k) {
                return false;
            }
            if (v == 0) {
                break;
            }
        }
        if (size >= maxKeys) {
            throw new IllegalStateException("full");
        }
        table[i] = k;
        size++;
        if (size * 2 > table.length) {
            grow();
        }
        return true;
    }

    boolean isFull() {
        return size >= maxKeys;
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        int mask = table.length - 1;
        for (long k : old) {
            if (k != 0) {
                int i = (int) (k ^ (k >>> 32)) & mask;
                while (table[i] != 0) {
                    i = (i + 1) & mask;
                }
                table[i] = k;
            }
        }
    }
}
