package io.lakeloop.export.rows;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Finds the fields of RFC 4180 rows in place in a {@link ByteInput}: quoted fields may hold commas, quotes and line
 * breaks; rows end in CRLF, LF or CR. After {@link #scan} a row's fields are {@code [fs[i], fe[i])} (quotes
 * included) and {@link #content} points at a field's unescaped bytes. A bare quote, text after a closing quote or
 * an unterminated quote marks the row {@link #malformed}. Not thread-safe.
 */
final class CsvRowScanner {

    static final int NEED_MORE = -1;
    static final int END = -2;
    static final int ROW = 0;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final ByteInput in;
    private final byte[] scratch = new byte[RowRules.MAX_ROW_BYTES];
    int[] fs = new int[16];
    int[] fe = new int[16];
    boolean[] fq = new boolean[16];
    int nFields;
    boolean malformed;
    int nextStart;
    /** Where {@link #content} points. */
    byte[] cBuf;
    int cOff;
    int cLen;

    CsvRowScanner(ByteInput in) {
        this.in = in;
    }

    /** Scans the row at {@code in.pos}, reading more as needed; NEED_MORE here means the row is too long. */
    int scanFilling() throws IOException {
        while (true) {
            int r = scan(in.pos);
            if (r != NEED_MORE) {
                return r;
            }
            if (in.limit - in.pos >= RowRules.MAX_ROW_BYTES) {
                return NEED_MORE;
            }
            in.fill();
        }
    }

    /** Points cBuf/cOff/cLen at field {@code f}'s content: raw bytes, or unescaped into scratch when quoted. */
    void content(int f) {
        if (!fq[f]) {
            cBuf = in.buf;
            cOff = fs[f];
            cLen = fe[f] - fs[f];
            return;
        }
        int end = fe[f] - 1; // the closing quote
        int n = 0;
        for (int p = fs[f] + 1; p < end; p++) {
            byte c = in.buf[p];
            scratch[n++] = c;
            if (c == '"') {
                p++; // doubled quote
            }
        }
        cBuf = scratch;
        cOff = 0;
        cLen = n;
    }

    /** Finds the field boundaries of the row starting at {@code start}. */
    int scan(int start) {
        byte[] b = in.buf;
        int limit = in.limit;
        boolean eof = in.eof;
        int p = start;
        nFields = 0;
        malformed = false;
        if (p >= limit) {
            return eof ? END : NEED_MORE;
        }
        while (true) {
            int f0 = p;
            boolean quoted = p < limit && b[p] == '"';
            if (quoted) {
                p++;
                while (true) {
                    if (p >= limit) {
                        if (!eof) {
                            return NEED_MORE;
                        }
                        malformed = true; // unterminated at the end of the part
                        break;
                    }
                    if (b[p] == '"') {
                        if (p + 1 >= limit && !eof) {
                            return NEED_MORE;
                        }
                        if (p + 1 < limit && b[p + 1] == '"') {
                            p += 2;
                            continue;
                        }
                        p++;
                        break;
                    }
                    p++;
                }
            }
            while (true) {
                p = skipPlain(b, p, limit);
                if (p >= limit) {
                    break;
                }
                int c = b[p] & 0xFF;
                if (c > ',') { // the common case: every delimiter, quote and line end is at or below ','
                    p++;
                    continue;
                }
                if (c == ',' || c == '\n' || c == '\r') {
                    break;
                }
                malformed |= quoted || c == '"'; // text after a closing quote, or a bare quote
                p++;
            }
            if (p >= limit && !eof) {
                return NEED_MORE;
            }
            addField(f0, p, quoted && !malformed);
            if (p >= limit) {
                nextStart = p;
                return ROW;
            }
            byte c = b[p];
            if (c == ',') {
                p++;
                continue;
            }
            if (c == '\r') {
                if (p + 1 >= limit && !eof) {
                    return NEED_MORE;
                }
                nextStart = p + 1 < limit && b[p + 1] == '\n' ? p + 2 : p + 1;
                return ROW;
            }
            nextStart = p + 1;
            return ROW;
        }
    }

    /**
     * The first position from {@code p} whose byte may be at or below {@code ','} (delimiter, quote, line end),
     * eight bytes at a time: {@code (w - 0x2D..) & ~w & 0x80..} marks bytes below 0x2D, and its lowest mark is
     * always a real one (a borrow only spreads upwards). Bytes of 0x80 and above (UTF-8) are never marked. Stops
     * within the last seven bytes, which the caller scans one by one.
     */
    static int skipPlain(byte[] b, int p, int limit) {
        while (p + Long.BYTES <= limit) {
            long w = (long) LONGS.get(b, p);
            long marks = (w - 0x2D2D2D2D2D2D2D2DL) & ~w & 0x8080808080808080L;
            if (marks != 0) {
                return p + (Long.numberOfTrailingZeros(marks) >>> 3);
            }
            p += Long.BYTES;
        }
        return p;
    }

    private void addField(int start, int end, boolean quoted) {
        if (nFields == fs.length) {
            fs = Arrays.copyOf(fs, nFields * 2);
            fe = Arrays.copyOf(fe, nFields * 2);
            fq = Arrays.copyOf(fq, nFields * 2);
        }
        fs[nFields] = start;
        fe[nFields] = end;
        fq[nFields] = quoted;
        nFields++;
    }
}
