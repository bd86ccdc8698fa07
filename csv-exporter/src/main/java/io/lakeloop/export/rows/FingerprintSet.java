package io.lakeloop.export.rows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The exact set of 128-bit row fingerprints de-duplication needs, with a bounded heap.
 *
 * <p>Up to {@code heapMaxKeys} fingerprints live in an open-addressing table on the heap (16 bytes a slot, at most
 * half full: 32 bytes a key). Past that the table moves to a memory-mapped temporary file (same layout, doubling as
 * it fills), so the heap stays constant whatever the input size; the OS pages the file, and throughput only drops
 * once the set outgrows the free RAM. Two different rows share a 128-bit fingerprint with probability about
 * n²/2¹²⁸ (below 10⁻²⁰ for 10¹⁰ rows), so a row is dropped only when an identical key was really seen before.
 */
public final class FingerprintSet implements AutoCloseable {

    private static final int SEGMENT_SHIFT = 30; // 1 GiB mapped segments
    private static final long SEGMENT_MASK = (1L << SEGMENT_SHIFT) - 1;

    private final int heapMaxKeys;
    private final Path spillDir;
    private long[] heap;
    private long slots;
    private long size;
    private Path file;
    private FileChannel channel;
    private List<MappedByteBuffer> segments;

    public FingerprintSet(int heapMaxKeys, Path spillDir) {
        this.heapMaxKeys = Math.max(16, heapMaxKeys);
        this.spillDir = spillDir;
        this.slots = 1024;
        this.heap = new long[(int) slots * 2];
    }

    /** @return true when the fingerprint is new (and now recorded), false when it was seen before */
    public boolean add(long a, long b) {
        long ka = a | 1;
        long i = index(ka, b);
        long mask = slots - 1;
        while (true) {
            long va = getA(i);
            if (va == 0) {
                break;
            }
            if (va == ka && getB(i) == b) {
                return false;
            }
            i = (i + 1) & mask;
        }
        put(i, ka, b);
        size++;
        if (size * 2 > slots) {
            grow();
        }
        return true;
    }

    public long size() {
        return size;
    }

    /** True once the set has moved to its memory-mapped file. */
    public boolean spilled() {
        return heap == null;
    }

    private long index(long a, long b) {
        return (a ^ Long.rotateLeft(b, 17)) & (slots - 1);
    }

    private long getA(long i) {
        return heap != null ? heap[(int) (i * 2)] : segment(i * 16).getLong((int) ((i * 16) & SEGMENT_MASK));
    }

    private long getB(long i) {
        return heap != null ? heap[(int) (i * 2 + 1)] : segment(i * 16).getLong((int) ((i * 16 + 8) & SEGMENT_MASK));
    }

    private void put(long i, long a, long b) {
        if (heap != null) {
            heap[(int) (i * 2)] = a;
            heap[(int) (i * 2 + 1)] = b;
        } else {
            MappedByteBuffer s = segment(i * 16);
            s.putLong((int) ((i * 16) & SEGMENT_MASK), a);
            s.putLong((int) ((i * 16 + 8) & SEGMENT_MASK), b);
        }
    }

    private MappedByteBuffer segment(long byteOffset) {
        return segments.get((int) (byteOffset >>> SEGMENT_SHIFT));
    }

    private void grow() {
        long[] oldHeap = heap;
        long oldSlots = slots;
        FileChannel oldChannel = channel;
        Path oldFile = file;
        List<MappedByteBuffer> oldSegments = segments;
        slots = oldSlots * 2;
        if (oldHeap != null && slots / 2 <= heapMaxKeys) {
            heap = new long[(int) slots * 2];
        } else {
            heap = null;
            mapFile();
        }
        size = 0;
        for (long i = 0; i < oldSlots; i++) {
            long a = oldHeap != null ? oldHeap[(int) (i * 2)]
                    : oldSegments.get((int) ((i * 16) >>> SEGMENT_SHIFT)).getLong((int) ((i * 16) & SEGMENT_MASK));
            if (a != 0) {
                long b = oldHeap != null ? oldHeap[(int) (i * 2 + 1)] : oldSegments.get((int) ((i * 16) >>> SEGMENT_SHIFT))
                        .getLong((int) ((i * 16 + 8) & SEGMENT_MASK));
                long j = index(a, b);
                while (getA(j) != 0) {
                    j = (j + 1) & (slots - 1);
                }
                put(j, a, b);
                size++;
            }
        }
        if (oldChannel != null) {
            closeQuietly(oldChannel, oldFile);
        }
    }

    private void mapFile() {
        try {
            file = Files.createTempFile(spillDir, "csv-exporter-dedupe-", ".bin");
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.DELETE_ON_CLOSE);
            long bytes = slots * 16;
            segments = new ArrayList<>();
            for (long off = 0; off < bytes; off += 1L << SEGMENT_SHIFT) {
                MappedByteBuffer m = channel.map(FileChannel.MapMode.READ_WRITE, off, Math.min(1L << SEGMENT_SHIFT, bytes - off));
                m.order(ByteOrder.nativeOrder());
                segments.add(m);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the de-duplication spill file in " + spillDir, e);
        }
    }

    private static void closeQuietly(FileChannel ch, Path f) {
        try {
            ch.close();
            Files.deleteIfExists(f);
        } catch (IOException ignored) {
            // a temp file; DELETE_ON_CLOSE already removed it on most systems
        }
    }

    @Override
    public void close() {
        if (channel != null) {
            closeQuietly(channel, file);
            channel = null;
        }
        heap = null;
    }
}
