package io.lakeloop.export.rows;

import java.util.ArrayDeque;
import java.util.TreeSet;

/**
 * The chunks of rows that parts read ahead of the in-order writer: one budget shared by every part, so a reader is
 * never stopped by a small per-part queue while memory is left, and the whole read-ahead is bounded.
 *
 * <p>Parts are numbered in output order and the writer consumes the <em>head</em> part. Any part may take a chunk
 * while fewer than {@code budget} are out; when the budget is spent, waiting parts get the freed chunks lowest
 * number first (the writer needs them soonest). The head may in addition always take up to {@link #HEAD_EXTRA}
 * chunks beyond the budget: the writer never waits on a head that waits on chunks which parts behind it hold, so
 * there is no deadlock, and at most {@code budget + HEAD_EXTRA} chunks ever exist. Chunks are recycled.
 */
public final class ChunkPool {

    /** Chunks the head part may hold beyond the budget. */
    public static final int HEAD_EXTRA = 3;
    static final int MIN_BUDGET = 4;
    static final int MAX_BUDGET = 256;

    private final ArrayDeque<Chunk> free = new ArrayDeque<>();
    private final TreeSet<Integer> waiting = new TreeSet<>();
    private final int bytes;
    private final int rows;
    private final int budget;
    private int out;
    private int allocated;
    private int head;

    public ChunkPool(int bytes, int rows, int budget) {
        if (bytes < 1 || rows < 1 || budget < 1) {
            throw new IllegalArgumentException("chunk size, rows and budget must be positive");
        }
        this.bytes = bytes;
        this.rows = rows;
        this.budget = budget;
    }

    /** Default chunks, with a budget of about an eighth of {@code maxHeapBytes} (between 4 and 256 chunks). */
    public static ChunkPool forHeap(long maxHeapBytes) {
        long perChunk = Chunk.footprint(Chunk.DEFAULT_BYTES, Chunk.DEFAULT_ROWS);
        long n = Math.max(MIN_BUDGET, Math.min(MAX_BUDGET, maxHeapBytes / 8 / perChunk));
        return new ChunkPool(Chunk.DEFAULT_BYTES, Chunk.DEFAULT_ROWS, (int) n);
    }

    /** A chunk for part {@code part}; waits while the budget is spent (see the class comment). */
    public synchronized Chunk take(int part) throws InterruptedException {
        waiting.add(part);
        try {
            while (!mayTake(part) || part != head && waiting.first() != part) {
                wait();
            }
        } finally {
            waiting.remove(part);
            notifyAll(); // the next waiting part may be allowed now
        }
        out++;
        Chunk c = free.poll();
        if (c == null) {
            allocated++;
            c = new Chunk(bytes, rows);
        }
        return c;
    }

    private boolean mayTake(int part) {
        return out < budget || part == head && out < budget + HEAD_EXTRA;
    }

    /** Returns a chunk the writer is done with. */
    public synchronized void give(Chunk c) {
        c.clear();
        free.push(c);
        out--;
        notifyAll();
    }

    /** The writer moved on to part {@code part}. */
    public synchronized void head(int part) {
        head = part;
        notifyAll();
    }

    public int budget() {
        return budget;
    }

    /** How many chunks were ever allocated: at most {@code budget + HEAD_EXTRA}, whatever the input size. */
    public synchronized int allocated() {
        return allocated;
    }
}
