package io.lakeloop.export.rows;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Recycles chunks so a long export allocates a fixed set of them. Taking never blocks (bounding is done by the
 * pipeline's per-part queues), so there is no deadlock between readers ahead and the consumer behind.
 */
public final class ChunkPool {

    private final ConcurrentLinkedQueue<Chunk> free = new ConcurrentLinkedQueue<>();
    private final AtomicInteger allocated = new AtomicInteger();
    private final int bytes;
    private final int rows;

    public ChunkPool(int bytes, int rows) {
        this.bytes = bytes;
        this.rows = rows;
    }

    public static ChunkPool defaults() {
        return new ChunkPool(Chunk.DEFAULT_BYTES, Chunk.DEFAULT_ROWS);
    }

    public Chunk take() {
        Chunk c = free.poll();
        if (c == null) {
            allocated.incrementAndGet();
            return new Chunk(bytes, rows);
        }
        return c;
    }

    public void give(Chunk c) {
        c.clear();
        free.offer(c);
    }

    /** How many chunks were ever allocated: bounded by the pipeline's window, whatever the input size. */
    public int allocated() {
        return allocated.get();
    }
}
