package io.lakeloop.export.parquet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Little-endian reads and Parquet's variable-length integers over a page's bytes, bounds-checked. */
final class Bytes {

    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Bytes() {
    }

    static int int32(byte[] b, int p, int end) throws CorruptPageException {
        need(p, 4, end);
        return (int) INTS.get(b, p);
    }

    static long int64(byte[] b, int p, int end) throws CorruptPageException {
        need(p, 8, end);
        return (long) LONGS.get(b, p);
    }

    static void need(int p, int n, int end) throws CorruptPageException {
        if (p < 0 || n < 0 || p > end - n) {
            throw new CorruptPageException("a value runs past the end of its page");
        }
    }

    /** The {@code width}-bit value at bit {@code bit} (little-endian bit order, width at most 57... or 64 via two). */
    static long bits(byte[] b, long bit, int width, int end) throws CorruptPageException {
        if (width == 0) {
            return 0;
        }
        int p = (int) (bit >>> 3);
        int shift = (int) (bit & 7);
        int bytes = (shift + width + 7) >>> 3;
        need(p, bytes, end);
        if (bytes <= 8 && p + 8 <= b.length) {
            long w = (long) LONGS.get(b, p) >>> shift;
            return width == 64 ? w : w & ((1L << width) - 1);
        }
        long v = 0;
        for (int i = 0; i < bytes; i++) {
            long byteVal = b[p + i] & 0xFFL;
            int at = i * 8 - shift;
            v |= at >= 0 ? byteVal << at : byteVal >>> -at;
        }
        return width == 64 ? v : v & ((1L << width) - 1);
    }

    /** A cursor over a page's bytes for variable-length integers. */
    static final class Reader {
        final byte[] b;
        int pos;
        final int end;

        Reader(byte[] b, int pos, int end) {
            this.b = b;
            this.pos = pos;
            this.end = end;
        }

        long uvarint() throws CorruptPageException {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= end) {
                    throw new CorruptPageException("a variable-length integer runs past the end of its page");
                }
                int c = b[pos++];
                v |= (long) (c & 0x7F) << shift;
                if (c >= 0) {
                    return v;
                }
            }
            throw new CorruptPageException("a variable-length integer is longer than 10 bytes");
        }

        long zigzag() throws CorruptPageException {
            long v = uvarint();
            return (v >>> 1) ^ -(v & 1);
        }

        int uvarintInt(String what) throws CorruptPageException {
            long v = uvarint();
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw new CorruptPageException(what + " out of range: " + v);
            }
            return (int) v;
        }
    }
}
