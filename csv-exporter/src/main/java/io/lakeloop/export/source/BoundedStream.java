package io.lakeloop.export.source;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** At most {@code length} bytes of a stream; ending before them is an {@link EOFException} (a truncated part). */
final class BoundedStream extends FilterInputStream {

    private long left;

    BoundedStream(InputStream in, long length) {
        super(in);
        this.left = length;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (left <= 0) {
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, left));
        if (n < 0) {
            throw new EOFException("the part ended " + left + " bytes before the range it was read for");
        }
        left -= n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long k = in.skip(Math.min(n, left));
        left -= k;
        return k;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(in.available(), left);
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
