package io.lakeloop.export.parquet;

import org.apache.parquet.format.Type;

/**
 * A dictionary page's values (PLAIN-encoded): text as one byte array with offsets, numbers as longs (INT96 as epoch
 * nanoseconds, FLOAT/DOUBLE as the bits of a double).
 */
final class Dictionary {

    final int size;
    final byte[] bytes;
    final int[] offsets;
    final long[] longs;

    private Dictionary(int size, byte[] bytes, int[] offsets, long[] longs) {
        this.size = size;
        this.bytes = bytes;
        this.offsets = offsets;
        this.longs = longs;
    }

    static Dictionary decode(Type type, int typeLength, byte[] b, int pos, int end, int count)
            throws CorruptPageException {
        if (count < 0 || count > end - pos + 1) {
            throw new CorruptPageException("a dictionary of " + count + " values in " + (end - pos) + " bytes");
        }
        if (type == Type.BYTE_ARRAY || type == Type.FIXED_LEN_BYTE_ARRAY) {
            int[] offsets = new int[count + 1];
            int[] starts = new int[count];
            int p = pos;
            int total = 0;
            for (int i = 0; i < count; i++) {
                int len = type == Type.BYTE_ARRAY ? Bytes.int32(b, p, end) : typeLength;
                p += type == Type.BYTE_ARRAY ? 4 : 0;
                Bytes.need(p, len, end);
                starts[i] = p;
                p += len;
                total += len;
                offsets[i + 1] = total;
            }
            byte[] bytes = new byte[total];
            for (int i = 0; i < count; i++) {
                System.arraycopy(b, starts[i], bytes, offsets[i], offsets[i + 1] - offsets[i]);
            }
            return new Dictionary(count, bytes, offsets, null);
        }
        long[] longs = new long[count];
        Values.Plain plain = new Values.Plain(type, typeLength, b, pos, end);
        for (int i = 0; i < count; i++) {
            longs[i] = plain.nextLong();
        }
        return new Dictionary(count, null, null, longs);
    }
}
