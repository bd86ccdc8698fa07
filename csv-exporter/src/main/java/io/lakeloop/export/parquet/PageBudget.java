package io.lakeloop.export.parquet;

/**
 * The memory all Parquet pages of an export may hold: a page's compressed and decompressed bytes count from before
 * it is read until the row assembly is done with it. Parts are numbered in output order and the writer consumes
 * the <em>head</em> part; a column of the head part that holds no page may always take one (so the head always
 * progresses and nothing deadlocks), every other page waits while the budget is spent. Memory is therefore at most
 * the budget plus one page per column of the head part, whatever the row-group size.
 */
public final class PageBudget {

    private final long budget;
    private long used;
    private int head;

    public PageBudget(long budget) {
        if (budget < 1) {
            throw new IllegalArgumentException("the page budget must be positive");
        }
        this.budget = budget;
    }

    /** A quarter of the heap, at least 16 MiB. */
    public static PageBudget forHeap(long maxHeapBytes) {
        return new PageBudget(Math.max(16L << 20, maxHeapBytes / 4));
    }

    /** The largest page footprint (compressed + decompressed) a part may have: a third of the heap, at least 16 MiB. */
    public static long largestPage(long maxHeapBytes) {
        return Math.max(16L << 20, maxHeapBytes / 3);
    }

    /** Per column chunk: the pages it holds (read ahead or being assembled). */
    final class Holder {
        private final int part;
        private int held;

        private Holder(int part) {
            this.part = part;
        }

        void acquire(long bytes) throws InterruptedException {
            synchronized (PageBudget.this) {
                while (!(part == head && held == 0) && used + bytes > budget) {
                    PageBudget.this.wait();
                }
                used += bytes;
                held++;
            }
        }

        void release(long bytes) {
            synchronized (PageBudget.this) {
                used -= bytes;
                held--;
                PageBudget.this.notifyAll();
            }
        }
    }

    Holder holder(int part) {
        return new Holder(part);
    }

    /** The writer moved on to part {@code part}. */
    public synchronized void head(int part) {
        head = part;
        notifyAll();
    }

    synchronized long used() {
        return used;
    }
}
