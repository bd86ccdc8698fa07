package io.lakeloop.connect.s3.storage;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Bytes held as a list of arrays (no copy into one big array); readable any number of times, e.g. on a retry. */
public final class ByteChunks {

    private final List<byte[]> chunks;
    private final List<Integer> lengths;
    private final long size;

    public ByteChunks(List<byte[]> chunks, List<Integer> lengths) {
        this.chunks = List.copyOf(chunks);
        this.lengths = List.copyOf(lengths);
        long total = 0;
        for (int len : lengths) {
            total += len;
        }
        this.size = total;
    }

    public static ByteChunks of(byte[] bytes) {
        return new ByteChunks(List.of(bytes), List.of(bytes.length));
    }

    public long size() {
        return size;
    }

    public InputStream newStream() {
        List<InputStream> streams = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            streams.add(new ByteArrayInputStream(chunks.get(i), 0, lengths.get(i)));
        }
        return new SequenceInputStream(Collections.enumeration(streams));
    }

    public byte[] toByteArray() {
        byte[] out = new byte[Math.toIntExact(size)];
        int pos = 0;
        for (int i = 0; i < chunks.size(); i++) {
            System.arraycopy(chunks.get(i), 0, out, pos, lengths.get(i));
            pos += lengths.get(i);
        }
        return out;
    }
}
