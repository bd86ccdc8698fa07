package io.lakeloop.export.rows;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Reads a stream on another thread, a few blocks ahead of its consumer: the download and gunzip of a part run on
 * one core while its rows are scanned on another, so one large part is not bound by a single core. Memory is
 * {@code blocks} buffers of {@code blockSize} bytes. Errors of the source surface at the consumer's next read, as
 * they were thrown; {@link #close()} stops the producer and closes the source.
 */
public final class ReadAheadStream extends InputStream {

    public static final int DEFAULT_BLOCKS = 4;
    public static final int DEFAULT_BLOCK_SIZE = 128 * 1024;

    private static final Block END = new Block(new byte[0], 0, null);

    private record Block(byte[] data, int length, Throwable error) {
    }

    private final InputStream source;
    private final BlockingQueue<Block> filled;
    private final BlockingQueue<byte[]> free;
    private final Future<?> producer;
    private Block current;
    private int pos;
    private boolean ended;
    private boolean closed;

    /** Starts reading {@code source} on a thread of {@code executor}, which must not queue the task behind others. */
    public ReadAheadStream(InputStream source, ExecutorService executor, int blocks, int blockSize) {
        this.source = Objects.requireNonNull(source, "source");
        if (blocks < 2 || blockSize < 1) {
            throw new IllegalArgumentException("at least two blocks of at least one byte");
        }
        this.filled = new ArrayBlockingQueue<>(blocks + 1); // + 1: room for the end or error marker
        this.free = new ArrayBlockingQueue<>(blocks);
        for (int i = 0; i < blocks; i++) {
            free.add(new byte[blockSize]);
        }
        this.producer = executor.submit(this::produce);
    }

    private void produce() {
        try {
            while (true) {
                byte[] b = free.take();
                int n = 0;
                Throwable error = null;
                try {
                    while (n < b.length) {
                        int r = source.read(b, n, b.length - n);
                        if (r < 0) {
                            break;
                        }
                        n += r;
                    }
                } catch (IOException | RuntimeException | Error e) {
                    error = e;
                }
                if (n > 0) {
                    filled.put(new Block(b, n, null)); // the bytes before an error are delivered first
                }
                if (error != null) {
                    filled.put(new Block(null, 0, error));
                    return;
                }
                if (n < b.length) {
                    filled.put(END);
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closed by the consumer
        }
    }

    @Override
    public int read() throws IOException {
        return ensureBlock() ? current.data()[pos++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (!ensureBlock()) {
            return -1;
        }
        int n = Math.min(len, current.length() - pos);
        System.arraycopy(current.data(), pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public int available() {
        return current == null ? 0 : current.length() - pos;
    }

    /** Makes {@link #current} a block with unread bytes; false at the end of the source. */
    private boolean ensureBlock() throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        if (current != null && pos < current.length()) {
            return true;
        }
        if (ended) {
            return false;
        }
        if (current != null) {
            free.add(current.data());
            current = null;
        }
        Block next;
        try {
            next = filled.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading ahead");
        }
        if (next == END) {
            ended = true;
            return false;
        }
        if (next.error() != null) {
            ended = true;
            throw rethrow(next.error());
        }
        current = next;
        pos = 0;
        return true;
    }

    private static IOException rethrow(Throwable t) {
        if (t instanceof IOException io) {
            return io;
        }
        if (t instanceof UncheckedIOException u) {
            return u.getCause();
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        throw (Error) t;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        producer.cancel(true); // wakes a producer waiting for a free block
        source.close();
    }
}
