package io.lakeloop.export.rows;

import io.airlift.compress.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * A part's kind told from its first bytes, never from its name: Parquet ({@code PAR1}), gzip ({@code 1f 8b}), zstd
 * ({@code 28 b5 2f fd}) or plain. Formats it cannot read (bzip2, xz, LZ4 frames, Snappy framing, zip, Avro) are
 * named in a {@link PartFormatException} rather than read as text. Multi-member gzip (concatenated members, as
 * parallel writers and {@code cat a.gz b.gz} produce) and multi-frame zstd are read through to the end.
 *
 * <p>{@link GZIPInputStream} decides whether another member follows by asking its source for
 * {@code available() > 0}. A network stream (an S3 body) may answer 0 at a member boundary while more bytes are on
 * their way, and the JDK then stops after the first member, silently. {@link EagerAvailable} answers
 * {@code available()} by reading ahead (blocking) one byte when its buffer is empty, so 0 means the end.
 */
public final class Decompression {

    static final int BUFFER = 64 * 1024;

    /** What a part's first bytes say it is. */
    public enum Kind {
        PLAIN("none"), GZIP("gzip"), ZSTD("zstd"), PARQUET("parquet");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** As {@code --dry-run} shows the compression: none, gzip, zstd (Parquet: per column, see the reader). */
        public String label() {
            return label;
        }
    }

    /** A part's stream, still at its first byte, and what it is. */
    public record Sniffed(Kind kind, InputStream stream) {
    }

    private Decompression() {
    }

    /** Peeks at the first bytes of {@code raw}; unreadable kinds fail with the format's name. */
    public static Sniffed sniff(InputStream raw, String partName) throws IOException {
        EagerAvailable in = new EagerAvailable(raw, BUFFER);
        byte[] head = new byte[8];
        in.mark(head.length);
        int n = in.readNBytes(head, 0, head.length);
        in.reset();
        String unsupported = unsupported(head, n);
        if (unsupported != null) {
            throw new PartFormatException(partName + " is " + unsupported + ", which the exporter does not read "
                    + "(it reads Parquet, and CSV, delimited text or JSON lines, plain, gzip or zstd)");
        }
        Kind kind = starts(head, n, 'P', 'A', 'R', '1') ? Kind.PARQUET
                : starts(head, n, 0x1f, 0x8b) ? Kind.GZIP
                : starts(head, n, 0x28, 0xb5, 0x2f, 0xfd) ? Kind.ZSTD : Kind.PLAIN;
        return new Sniffed(kind, in);
    }

    /** The decompressed bytes of a sniffed text part. */
    public static InputStream decompress(Sniffed s, String partName) throws IOException {
        return switch (s.kind()) {
            case GZIP -> new GZIPInputStream(s.stream(), BUFFER);
            case ZSTD -> new ZstdInputStream(s.stream());
            case PLAIN -> s.stream();
            case PARQUET -> throw new PartFormatException(partName + " is Parquet, not a text part");
        };
    }

    /** The decompressed bytes of a text part (plain, gzip or zstd). */
    public static InputStream open(InputStream raw) throws IOException {
        return decompress(sniff(raw, "the part"), "the part");
    }

    private static String unsupported(byte[] h, int n) {
        if (starts(h, n, 'B', 'Z', 'h') && n >= 8 && h[3] >= '1' && h[3] <= '9' && starts(h, n, 'B', 'Z', 'h', h[3],
                0x31, 0x41, 0x59, 0x26)) {
            return "bzip2-compressed";
        }
        if (starts(h, n, 0xfd, '7', 'z', 'X', 'Z', 0)) {
            return "xz-compressed";
        }
        if (starts(h, n, 0x04, 0x22, 0x4d, 0x18)) {
            return "LZ4-compressed (frame format)";
        }
        if (starts(h, n, 0xff, 0x06, 0x00, 0x00, 's', 'N', 'a', 'P')) {
            return "Snappy-compressed (framing format)";
        }
        if (starts(h, n, 'P', 'K', 0x03, 0x04)) {
            return "a zip archive";
        }
        if (starts(h, n, 'O', 'b', 'j', 0x01)) {
            return "Avro";
        }
        return null;
    }

    private static boolean starts(byte[] h, int n, int... magic) {
        if (n < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((h[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /** A buffered stream whose {@code available()} is 0 only at the end of the stream. */
    static final class EagerAvailable extends BufferedInputStream {

        EagerAvailable(InputStream in, int size) {
            super(in, size);
        }

        @Override
        public synchronized int available() throws IOException {
            int a = super.available();
            if (a > 0) {
                return a;
            }
            mark(1);
            if (read() < 0) {
                return 0;
            }
            reset();
            return Math.max(1, super.available());
        }
    }
}
