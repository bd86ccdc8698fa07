package io.lakeloop.export.parquet;

/**
 * Parquet's RLE / bit-packing hybrid (definition levels, dictionary indices): runs of one repeated value and groups
 * of eight bit-packed values, each behind a variable-length header.
 */
final class RleDecoder {

    private final Bytes.Reader in;
    private final int width;
    private final int valueBytes;
    private int repeatLeft;
    private int repeatValue;
    private int packedLeft;
    private long packedBit;

    /** Reads from {@code [pos, end)} of {@code b} values of {@code width} bits (0..32). */
    RleDecoder(byte[] b, int pos, int end, int width) throws CorruptPageException {
        if (width < 0 || width > 32) {
            throw new CorruptPageException("a bit width of " + width);
        }
        this.in = new Bytes.Reader(b, pos, end);
        this.width = width;
        this.valueBytes = (width + 7) >>> 3;
    }

    int next() throws CorruptPageException {
        if (repeatLeft > 0) {
            repeatLeft--;
            return repeatValue;
        }
        if (packedLeft > 0) {
            packedLeft--;
            int v = (int) Bytes.bits(in.b, packedBit, width, in.end);
            packedBit += width;
            return v;
        }
        long header = in.uvarint();
        long count = header >>> 1;
        if ((header & 1) == 0) {
            if (count == 0 || count > Integer.MAX_VALUE) {
                throw new CorruptPageException("an RLE run of " + count + " values");
            }
            int v = 0;
            Bytes.need(in.pos, valueBytes, in.end);
            for (int i = 0; i < valueBytes; i++) {
                v |= (in.b[in.pos++] & 0xFF) << (8 * i);
            }
            repeatValue = v;
            repeatLeft = (int) count;
        } else {
            long values = count * 8;
            if (count == 0 || values > Integer.MAX_VALUE) {
                throw new CorruptPageException("a bit-packed run of " + values + " values");
            }
            long bytes = count * width;
            packedBit = (long) in.pos * 8;
            // the last group of a page may be cut short: values beyond the end are never asked for
            in.pos = (int) Math.min(in.end, in.pos + bytes);
            packedLeft = (int) values;
        }
        return next();
    }
}
