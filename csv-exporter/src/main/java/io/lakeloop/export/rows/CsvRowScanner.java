package io.lakeloop.export.rows;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Finds the fields of rows in place in a {@link ByteInput}. CSV (RFC 4180): quoted fields may hold commas, quotes and
 * line breaks; a bare quote, text after a closing quote or an unterminated quote marks the row {@link #malformed}.
 * Delimited text (Hive's {@code TEXTFILE}, {@link TextOptions}): any one-byte delimiter, no quoting, and with an
 * escape byte (Hive's {@code ESCAPED BY}) the byte after it is taken as it is (an escaped delimiter, escape or line
 * break). Rows end in CRLF, LF or CR. After {@link #scan} a row's fields are {@code [fs[i], fe[i])} (CSV quotes
 * included; {@link #fq} marks a quoted or escaped field) and {@link #content} points at a field's unescaped bytes.
 * Not thread-safe.
 */
final class CsvRowScanner {

    static final int NEED_MORE = -1;
    static final int END = -2;
    static final int ROW = 0;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final ByteInput in;
    /** -1 for CSV, else the delimiter of delimited text. */
    private final int delimiter;
    /** The escape byte of delimited text, or -1. */
    private final int escape;
    private final long delimiterWord;
    private final long escapeWord;
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
        this(in, -1, -1);
    }

    /** Delimited text with the given delimiter and escape byte (-1: none), or CSV when {@code delimiter} is -1. */
    CsvRowScanner(ByteInput in, int delimiter, int escape) {
        this.in = in;
        this.delimiter = delimiter;
        this.escape = escape;
        this.delimiterWord = 0x0101010101010101L * (delimiter & 0xFF);
        this.escapeWord = 0x0101010101010101L * (escape & 0xFF);
    }

    /** Whether the field's raw bytes are exactly Hive's null, {@code \N} (never when quoted or escaped). */
    boolean isHiveNull(int f) {
        return !fq[f] && fe[f] - fs[f] == 2 && in.buf[fs[f]] == '\\' && in.buf[fs[f] + 1] == 'N';
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
        if (delimiter >= 0) {
            int n = 0;
            for (int p = fs[f]; p < fe[f]; p++) {
                byte c = in.buf[p];
                if (c == (byte) escape && p + 1 < fe[f]) {
                    c = in.buf[++p];
                }
                scratch[n++] = c;
            }
            cBuf = scratch;
            cOff = 0;
            cLen = n;
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
        if (delimiter >= 0) {
            return scanText(start);
        }
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

    /** {@link #scan} for delimited text: no quoting, an escape byte protects the byte after it. */
    private int scanText(int start) {
        byte[] b = in.buf;
        int limit = in.limit;
        boolean eof = in.eof;
        int p = start;
        nFields = 0;
        malformed = false;
        if (p >= limit) {
            return eof ? END : NEED_MORE;
        }
        int f0 = p;
        boolean escaped = false;
        while (true) {
            p = skipText(b, p, limit);
            if (p >= limit) {
                if (!eof) {
                    return NEED_MORE;
                }
                addField(f0, p, escaped);
                nextStart = p;
                return ROW;
            }
            int c = b[p] & 0xFF;
            if (c == delimiter) {
                addField(f0, p, escaped);
                escaped = false;
                f0 = ++p;
            } else if (c == '\n') {
                addField(f0, p, escaped);
                nextStart = p + 1;
                return ROW;
            } else if (c == '\r') {
                if (p + 1 >= limit && !eof) {
                    return NEED_MORE;
                }
                addField(f0, p, escaped);
                nextStart = p + 1 < limit && b[p + 1] == '\n' ? p + 2 : p + 1;
                return ROW;
            } else if (c == escape) {
                if (p + 1 >= limit && !eof) {
                    return NEED_MORE;
                }
                escaped = true;
                p = Math.min(p + 2, limit);
            } else {
                p++;
            }
        }
    }

    /** The first position from {@code p} that may hold the delimiter, the escape, CR or LF, eight bytes at a time. */
    private int skipText(byte[] b, int p, int limit) {
        while (p + Long.BYTES <= limit) {
            long w = (long) LONGS.get(b, p);
            long marks = zeroBytes(w ^ delimiterWord) | zeroBytes(w ^ 0x0A0A0A0A0A0A0A0AL)
                    | zeroBytes(w ^ 0x0D0D0D0D0D0D0D0DL) | (escape >= 0 ? zeroBytes(w ^ escapeWord) : 0);
            if (marks != 0) {
                return p + (Long.numberOfTrailingZeros(marks) >>> 3);
            }
            p += Long.BYTES;
        }
        return p;
    }

    /** Marks zero bytes; the lowest mark is always a real one (a borrow only spreads upwards). */
    private static long zeroBytes(long x) {
        return (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
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
