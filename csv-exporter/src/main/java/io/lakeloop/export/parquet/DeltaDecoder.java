package io.lakeloop.export.parquet;

/**
 * {@code DELTA_BINARY_PACKED}: a header (block size, miniblocks per block, value count, first value), then blocks of
 * a minimum delta and bit-packed miniblocks. Decoded whole (a page's values are bounded by the page).
 */
final class DeltaDecoder {

    private DeltaDecoder() {
    }

    /** The values, and where the encoding ended (the next encoding of a page starts there). */
    record Decoded(long[] values, int end) {
    }

    static Decoded decode(byte[] b, int pos, int end, int maxValues) throws CorruptPageException {
        Bytes.Reader in = new Bytes.Reader(b, pos, end);
        int blockSize = in.uvarintInt("a delta block size");
        int miniblocks = in.uvarintInt("a delta miniblock count");
        int count = in.uvarintInt("a delta value count");
        if (blockSize <= 0 || blockSize % 128 != 0 || miniblocks <= 0 || blockSize % miniblocks != 0
                || (blockSize / miniblocks) % 32 != 0) {
            throw new CorruptPageException("a delta block of " + blockSize + " values in " + miniblocks + " miniblocks");
        }
        if (count > maxValues) {
            throw new CorruptPageException(count + " delta-encoded values in a page of " + maxValues);
        }
        long[] out = new long[count];
        if (count == 0) {
            in.zigzag();
            return new Decoded(out, in.pos);
        }
        out[0] = in.zigzag();
        int n = 1;
        int perMini = blockSize / miniblocks;
        long prev = out[0];
        while (n < count) {
            long minDelta = in.zigzag();
            Bytes.need(in.pos, miniblocks, in.end);
            int widthsAt = in.pos;
            in.pos += miniblocks;
            for (int m = 0; m < miniblocks && n < count; m++) {
                int width = in.b[widthsAt + m] & 0xFF;
                if (width > 64) {
                    throw new CorruptPageException("a delta miniblock of bit width " + width);
                }
                long bit = (long) in.pos * 8;
                int take = Math.min(perMini, count - n);
                for (int i = 0; i < take; i++) {
                    prev += minDelta + Bytes.bits(in.b, bit, width, in.end);
                    out[n++] = prev;
                    bit += width;
                }
                in.pos += perMini / 8 * width;
            }
        }
        return new Decoded(out, Math.min(in.pos, end));
    }
}
