package io.lakeloop.export.rows;

import java.io.IOException;
import java.io.InputStream;

/** A refillable byte window over a stream, for the readers' in-place scanning. Not thread-safe. */
final class ByteInput {

    static final int SIZE = 256 * 1024;

    final InputStream in;
    final byte[] buf;
    int pos;
    int limit;
    boolean eof;

    ByteInput(InputStream in, int size) {
        this.in = in;
        this.buf = new byte[size];
    }

    /** Moves the unread bytes to the front and reads more after them; sets {@link #eof} at the end. */
    void fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length || eof) {
            return;
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }

    /** Fills until at least {@code n} bytes are unread or the stream ends. */
    void require(int n) throws IOException {
        while (limit - pos < n && !eof) {
            fill();
        }
    }

    /** Moves past the next line feed (or to the end of the stream): how a row that cannot be read is skipped. */
    void skipLine() throws IOException {
        while (true) {
            for (int p = pos; p < limit; p++) {
                if (buf[p] == '\n') {
                    pos = p + 1;
                    return;
                }
            }
            pos = limit;
            if (eof) {
                return;
            }
            fill();
        }
    }
}
