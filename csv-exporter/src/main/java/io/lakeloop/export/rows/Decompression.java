package io.lakeloop.export.rows;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Gzip detected from the bytes (magic {@code 1f 8b}), never from the name; multi-member gzip (concatenated
 * members, as parallel writers and {@code cat a.gz b.gz} produce) is read through to the last member.
 *
 * <p>{@link GZIPInputStream} decides whether another member follows by asking its source for
 * {@code available() > 0}. A network stream (an S3 body) may answer 0 at a member boundary while more bytes are on
 * their way, and the JDK then stops after the first member, silently. {@link EagerAvailable} answers
 * {@code available()} by reading ahead (blocking) one byte when its buffer is empty, so 0 means the end.
 */
public final class Decompression {

    static final int BUFFER = 64 * 1024;

    private Decompression() {
    }

    /** The decompressed bytes of a part, whether it is gzipped or not. */
    public static InputStream open(InputStream raw) throws IOException {
        EagerAvailable in = new EagerAvailable(raw, BUFFER);
        in.mark(2);
        int b0 = in.read();
        int b1 = b0 < 0 ? -1 : in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new GZIPInputStream(in, BUFFER);
        }
        return in;
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
