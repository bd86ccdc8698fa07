package io.lakeloop.export.rows;

/** Writing output cells into a row buffer: a value as an RFC 4180 field, a long as decimal digits. */
public final class Cells {

    private Cells() {
    }

    /**
     * Appends {@code len} bytes at {@code off} as one CSV field: as they are, or quoted (quotes doubled) when they
     * hold a comma, a quote, CR or LF. Returns the new end; {@code out} must have room for {@code 2 * len + 2}.
     */
    public static int appendCsv(byte[] b, int off, int len, byte[] out, int n) {
        boolean quote = false;
        for (int i = off; i < off + len; i++) {
            byte c = b[i];
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                quote = true;
                break;
            }
        }
        if (!quote) {
            System.arraycopy(b, off, out, n, len);
            return n + len;
        }
        out[n++] = '"';
        for (int i = off; i < off + len; i++) {
            byte c = b[i];
            out[n++] = c;
            if (c == '"') {
                out[n++] = '"';
            }
        }
        out[n++] = '"';
        return n;
    }

    /** Appends {@code v} in decimal (a minus sign when negative). Returns the new end. */
    public static int writeLong(long v, byte[] out, int n) {
        if (v == 0) {
            out[n] = '0';
            return n + 1;
        }
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                byte[] min = Long.toString(v).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                System.arraycopy(min, 0, out, n, min.length);
                return n + min.length;
            }
            out[n++] = '-';
            v = -v;
        }
        int digits = 0;
        for (long t = v; t > 0; t /= 10) {
            digits++;
        }
        for (int i = n + digits - 1; i >= n; i--) {
            out[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return n + digits;
    }
}
