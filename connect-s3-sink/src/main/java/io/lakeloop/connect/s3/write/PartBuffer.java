package io.lakeloop.connect.s3.write;

import io.lakeloop.connect.s3.storage.ByteChunks;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of an object not yet uploaded, in chunks allocated on demand and counted against the task's
 * {@link MemoryBudget}. {@link #snapshot()} hands them to an upload without copying; {@link #reset()} frees them
 * once the upload succeeded (a failed upload keeps them for the retry).
 */
final class PartBuffer extends OutputStream {

    static final int CHUNK_SIZE = 64 * 1024;

    private final MemoryBudget budget;
    private final List<byte[]> chunks = new ArrayList<>();
    private int lastLength;
    private long size;
    private boolean closed;

    PartBuffer(MemoryBudget budget) {
        this.budget = budget;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        if (closed) {
            throw new IllegalStateException("buffer released");
        }
        while (len > 0) {
            if (chunks.isEmpty() || lastLength == CHUNK_SIZE) {
                chunks.add(new byte[CHUNK_SIZE]);
                budget.reserve(CHUNK_SIZE);
                lastLength = 0;
            }
            int n = Math.min(len, CHUNK_SIZE - lastLength);
            System.arraycopy(b, off, chunks.get(chunks.size() - 1), lastLength, n);
            lastLength += n;
            off += n;
            len -= n;
            size += n;
        }
    }

    /** Bytes written and not yet reset. */
    long size() {
        return size;
    }

    /** Bytes reserved from the budget (whole chunks). */
    long reserved() {
        return (long) chunks.size() * CHUNK_SIZE;
    }

    ByteChunks snapshot() {
        List<Integer> lengths = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            lengths.add(i == chunks.size() - 1 ? lastLength : CHUNK_SIZE);
        }
        return new ByteChunks(chunks, lengths);
    }

    /**
     * Hands the chunks over to an upload in flight and starts empty; their memory stays reserved until the upload
     * releases it. Returns the bytes reserved for them.
     */
    long detach() {
        long reserved = reserved();
        chunks.clear();
        lastLength = 0;
        size = 0;
        return reserved;
    }

    /** Frees the chunks (after their upload). */
    void reset() {
        budget.release(reserved());
        chunks.clear();
        lastLength = 0;
        size = 0;
    }

    /** Frees the chunks and refuses further writes; a no-op when already released. */
    void release() {
        if (!closed) {
            reset();
            closed = true;
        }
    }

    @Override
    public void close() {
        // the gzip stream closes its target when finished; the bytes stay until they are uploaded
    }
}
