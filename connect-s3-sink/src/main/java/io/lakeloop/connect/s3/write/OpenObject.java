package io.lakeloop.connect.s3.write;

import io.airlift.compress.zstd.ZstdOutputStream;
import io.lakeloop.connect.s3.storage.ObjectStore;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * One object being written for one topic partition: records stream through gzip or zstd (optional) into a
 * {@link PartBuffer}; full parts go to S3 as they fill. Tracks its offsets, counts and upload state; the
 * {@link PartitionWriter} drives it.
 */
public final class OpenObject {

    /** Native memory of a gzip stream (zlib deflate state: window and hash tables at default settings). */
    static final long GZIP_OVERHEAD = 256 * 1024;
    /** Heap of an open Zstandard stream at level 3 (window and match state; 1.6 MiB measured). */
    static final long ZSTD_OVERHEAD = 2 * 1024 * 1024;

    private final String renderedKey;
    private final String key;
    private final long startOffset;
    private final long openedAtMs;
    private final long window;
    private final PartBuffer buffer;
    private final OutputStream out;
    private final MemoryBudget budget;
    private final long overhead;
    private final List<ObjectStore.Part> parts = new ArrayList<>();
    private long lastOffset = -1;
    private String lastCheck;
    private long records;
    private long inputBytes;
    private String uploadId;
    private boolean sealed;
    private boolean released;
    private boolean overheadReleased;

    OpenObject(String renderedKey, String key, long startOffset, long openedAtMs, long window, MemoryBudget budget,
               int gzipLevel, boolean zstd, ObjectEncoder encoder, byte[] header) {
        this.renderedKey = renderedKey;
        this.key = key;
        this.startOffset = startOffset;
        this.openedAtMs = openedAtMs;
        this.window = window;
        this.budget = budget;
        this.buffer = new PartBuffer(budget);
        this.overhead = encoder != null ? encoder.memoryBytes() : gzipLevel > 0 ? GZIP_OVERHEAD
                : zstd ? ZSTD_OVERHEAD : 0;
        budget.reserve(overhead);
        try {
            this.out = encoder != null ? encoder.open(buffer) : gzipLevel > 0 ? new LeveledGzip(buffer, gzipLevel)
                    : zstd ? new ZstdOutputStream(buffer) : buffer;
            if (header.length > 0) {
                out.write(header);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class LeveledGzip extends GZIPOutputStream {
        LeveledGzip(OutputStream out, int level) throws IOException {
            super(out, 16 * 1024);
            def.setLevel(level);
        }
    }

    void append(long offset, String check, byte[] line) {
        if (sealed) {
            throw new IllegalStateException("object already sealed");
        }
        try {
            out.write(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        lastOffset = offset;
        lastCheck = check;
        records++;
        inputBytes += line.length;
    }

    /** Finishes the compressed stream; no record can be added afterwards. Idempotent. */
    void seal() {
        if (!sealed) {
            sealed = true;
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            releaseOverhead();
        }
    }

    /** Frees every byte this object holds (after completion or abort). Idempotent. */
    void release() {
        if (!released) {
            released = true;
            if (!sealed) {
                sealed = true;
                try {
                    out.close(); // ends the deflater's native memory
                } catch (IOException | RuntimeException e) {
                    // discarding anyway
                }
            }
            releaseOverhead();
            buffer.release();
        }
    }

    private void releaseOverhead() {
        if (overhead > 0 && !overheadReleased) {
            overheadReleased = true;
            budget.release(overhead);
        }
    }

    PartBuffer buffer() {
        return buffer;
    }

    /** Memory this object holds now. */
    long footprint() {
        return buffer.reserved() + (overheadReleased ? 0 : overhead);
    }

    List<ObjectStore.Part> parts() {
        return parts;
    }

    String uploadId() {
        return uploadId;
    }

    void uploadId(String id) {
        this.uploadId = id;
    }

    public String renderedKey() {
        return renderedKey;
    }

    public String key() {
        return key;
    }

    public long startOffset() {
        return startOffset;
    }

    public long lastOffset() {
        return lastOffset;
    }

    /** The {@link RecordCheck} of the last record. */
    public String lastCheck() {
        return lastCheck;
    }

    public long records() {
        return records;
    }

    public long inputBytes() {
        return inputBytes;
    }

    public long openedAtMs() {
        return openedAtMs;
    }

    public long window() {
        return window;
    }

    public boolean sealed() {
        return sealed;
    }
}
