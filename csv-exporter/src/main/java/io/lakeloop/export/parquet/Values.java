package io.lakeloop.export.parquet;

import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.Type;

/**
 * The value decoders of a data page, one per encoding: PLAIN, dictionary indices (PLAIN_DICTIONARY,
 * RLE_DICTIONARY), DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY and BYTE_STREAM_SPLIT. Each hands
 * out the page's non-null values in order: text into {@link Cell}'s bytes, numbers as longs (INT96 as epoch
 * nanoseconds, FLOAT/DOUBLE as the bits of a double).
 */
final class Values {

    private static final long JULIAN_EPOCH_DAY = 2_440_588L;
    private static final long NANOS_PER_DAY = 86_400_000_000_000L;

    private Values() {
    }

    /** The current value of a column: text as {@code buf[off, off + len)}, a number in {@code num}. */
    static final class Cell {
        byte[] buf;
        int off;
        int len;
        long num;
        boolean isNull;
    }

    /** Hands out the non-null values of one page. */
    abstract static class Decoder {
        abstract void next(Cell c) throws CorruptPageException;
    }

    static Decoder of(Encoding encoding, Type type, int typeLength, Dictionary dictionary, byte[] b, int pos, int end,
                      int maxValues) throws CorruptPageException {
        boolean text = type == Type.BYTE_ARRAY || type == Type.FIXED_LEN_BYTE_ARRAY;
        switch (encoding) {
            case PLAIN:
                return new Plain(type, typeLength, b, pos, end);
            case PLAIN_DICTIONARY:
            case RLE_DICTIONARY:
                if (dictionary == null) {
                    throw new CorruptPageException("a dictionary-encoded page without a dictionary page before it");
                }
                Bytes.need(pos, 1, end);
                return new Dict(dictionary, new RleDecoder(b, pos + 1, end, b[pos] & 0xFF));
            case DELTA_BINARY_PACKED:
                if (type != Type.INT32 && type != Type.INT64) {
                    break;
                }
                return new Longs(DeltaDecoder.decode(b, pos, end, maxValues).values());
            case DELTA_LENGTH_BYTE_ARRAY:
                if (type != Type.BYTE_ARRAY) {
                    break;
                }
                return new DeltaLength(b, pos, end, maxValues);
            case DELTA_BYTE_ARRAY:
                if (!text) {
                    break;
                }
                return new DeltaStrings(b, pos, end, maxValues);
            case BYTE_STREAM_SPLIT:
                if (text || type == Type.INT96) {
                    break;
                }
                return new StreamSplit(type, b, pos, end);
            default:
                break;
        }
        throw new CorruptPageException("encoding " + encoding + " of a " + type + " column is not supported");
    }

    static long int96Nanos(byte[] b, int p, int end) throws CorruptPageException {
        long nanosOfDay = Bytes.int64(b, p, end);
        long day = Bytes.int32(b, p + 8, end) & 0xFFFFFFFFL;
        try {
            return Math.addExact(Math.multiplyExact(day - JULIAN_EPOCH_DAY, NANOS_PER_DAY), nanosOfDay);
        } catch (ArithmeticException e) {
            return day < JULIAN_EPOCH_DAY ? Long.MIN_VALUE : Long.MAX_VALUE; // rejected as out of range
        }
    }

    static final class Plain extends Decoder {
        private final Type type;
        private final int typeLength;
        private final byte[] b;
        private int pos;
        private final int end;

        Plain(Type type, int typeLength, byte[] b, int pos, int end) {
            this.type = type;
            this.typeLength = typeLength;
            this.b = b;
            this.pos = pos;
            this.end = end;
        }

        @Override
        void next(Cell c) throws CorruptPageException {
            if (type == Type.BYTE_ARRAY || type == Type.FIXED_LEN_BYTE_ARRAY) {
                int len = typeLength;
                if (type == Type.BYTE_ARRAY) {
                    len = Bytes.int32(b, pos, end);
                    pos += 4;
                }
                Bytes.need(pos, len, end);
                c.buf = b;
                c.off = pos;
                c.len = len;
                pos += len;
            } else {
                c.num = nextLong();
            }
        }

        long nextLong() throws CorruptPageException {
            long v;
            switch (type) {
                case INT32 -> {
                    v = Bytes.int32(b, pos, end);
                    pos += 4;
                }
                case INT64 -> {
                    v = Bytes.int64(b, pos, end);
                    pos += 8;
                }
                case INT96 -> {
                    v = int96Nanos(b, pos, end);
                    pos += 12;
                }
                case FLOAT -> {
                    v = Double.doubleToRawLongBits(Float.intBitsToFloat(Bytes.int32(b, pos, end)));
                    pos += 4;
                }
                case DOUBLE -> {
                    v = Bytes.int64(b, pos, end);
                    pos += 8;
                }
                default -> throw new CorruptPageException("PLAIN " + type + " values are not supported");
            }
            return v;
        }
    }

    private static final class Dict extends Decoder {
        private final Dictionary d;
        private final RleDecoder indices;

        Dict(Dictionary d, RleDecoder indices) {
            this.d = d;
            this.indices = indices;
        }

        @Override
        void next(Cell c) throws CorruptPageException {
            int i = indices.next();
            if (i < 0 || i >= d.size) {
                throw new CorruptPageException("dictionary index " + i + " of a dictionary of " + d.size);
            }
            if (d.bytes != null) {
                c.buf = d.bytes;
                c.off = d.offsets[i];
                c.len = d.offsets[i + 1] - d.offsets[i];
            } else {
                c.num = d.longs[i];
            }
        }
    }

    private static final class Longs extends Decoder {
        private final long[] values;
        private int i;

        Longs(long[] values) {
            this.values = values;
        }

        @Override
        void next(Cell c) throws CorruptPageException {
            if (i >= values.length) {
                throw new CorruptPageException("fewer delta-encoded values than the page's levels say");
            }
            c.num = values[i++];
        }
    }

    private static final class DeltaLength extends Decoder {
        private final long[] lengths;
        private final byte[] b;
        private final int end;
        private int pos;
        private int i;

        DeltaLength(byte[] b, int pos, int end, int maxValues) throws CorruptPageException {
            DeltaDecoder.Decoded d = DeltaDecoder.decode(b, pos, end, maxValues);
            this.lengths = d.values();
            this.b = b;
            this.pos = d.end();
            this.end = end;
        }

        @Override
        void next(Cell c) throws CorruptPageException {
            if (i >= lengths.length) {
                throw new CorruptPageException("fewer values than the page's levels say");
            }
            long len = lengths[i++];
            if (len < 0 || len > end - pos) {
                throw new CorruptPageException("a value of " + len + " bytes runs past the end of its page");
            }
            c.buf = b;
            c.off = pos;
            c.len = (int) len;
            pos += (int) len;
        }
    }

    /** Front coding: each value shares a prefix with the one before it. */
    private static final class DeltaStrings extends Decoder {
        private final long[] prefixes;
        private final DeltaLength suffixes;
        private byte[] value = new byte[64];
        private int length;
        private int i;

        DeltaStrings(byte[] b, int pos, int end, int maxValues) throws CorruptPageException {
            DeltaDecoder.Decoded p = DeltaDecoder.decode(b, pos, end, maxValues);
            this.prefixes = p.values();
            this.suffixes = new DeltaLength(b, p.end(), end, maxValues);
        }

        @Override
        void next(Cell c) throws CorruptPageException {
            if (i >= prefixes.length) {
                throw new CorruptPageException("fewer values than the page's levels say");
            }
            long prefix = prefixes[i++];
            if (prefix < 0 || prefix > length) {
                throw new CorruptPageException("a shared prefix of " + prefix + " bytes after a value of " + length);
            }
            suffixes.next(c);
            int n = (int) prefix + c.len;
            if (n > value.length) {
                value = java.util.Arrays.copyOf(value, Math.max(n, value.length * 2));
            }
            System.arraycopy(c.buf, c.off, value, (int) prefix, c.len);
            length = n;
            c.buf = value;
            c.off = 0;
            c.len = n;
        }
    }

    /** BYTE_STREAM_SPLIT: byte k of value i at {@code k * count + i}. */
    private static final class StreamSplit extends Decoder {
        private final Type type;
        private final byte[] b;
        private final int pos;
        private final int width;
        private final int count;
        private int i;

        StreamSplit(Type type, byte[] b, int pos, int end) throws CorruptPageException {
            this.type = type;
            this.b = b;
            this.pos = pos;
            this.width = type == Type.INT32 || type == Type.FLOAT ? 4 : 8;
            if ((end - pos) % width != 0) {
                throw new CorruptPageException("a BYTE_STREAM_SPLIT page of " + (end - pos) + " bytes");
            }
            this.count = (end - pos) / width;
        }

        @Override
        void next(Cell c) throws CorruptPageException {
            if (i >= count) {
                throw new CorruptPageException("fewer values than the page's levels say");
            }
            long v = 0;
            for (int k = 0; k < width; k++) {
                v |= (b[pos + k * count + i] & 0xFFL) << (8 * k);
            }
            i++;
            c.num = switch (type) {
                case INT32 -> (int) v;
                case FLOAT -> Double.doubleToRawLongBits(Float.intBitsToFloat((int) v));
                default -> v;
            };
        }
    }
}
