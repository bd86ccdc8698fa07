package io.lakeloop.export.parquet;

import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.apache.parquet.format.CompressionCodec;

/**
 * Page decompression: uncompressed, SNAPPY, GZIP (the JDK's zlib), ZSTD and LZ4_RAW (aircompressor, pure Java).
 * Each call decompresses one whole page into an array of the size its header gives, and fails when the bytes do
 * not decompress to exactly that size.
 */
final class Codecs {

    private Codecs() {
    }

    static boolean supported(CompressionCodec codec) {
        return switch (codec) {
            case UNCOMPRESSED, SNAPPY, GZIP, ZSTD, LZ4_RAW -> true;
            default -> false;
        };
    }

    static byte[] decompress(CompressionCodec codec, byte[] in, int off, int len, int size) throws IOException {
        if (codec == CompressionCodec.UNCOMPRESSED) {
            if (len != size) {
                throw new CorruptPageException("an uncompressed page of " + len + " bytes says it has " + size);
            }
            byte[] out = new byte[size];
            System.arraycopy(in, off, out, 0, len);
            return out;
        }
        byte[] out = new byte[size];
        int n;
        try {
            n = switch (codec) {
                case SNAPPY -> new SnappyDecompressor().decompress(in, off, len, out, 0, size);
                case ZSTD -> new ZstdDecompressor().decompress(in, off, len, out, 0, size);
                case LZ4_RAW -> new Lz4Decompressor().decompress(in, off, len, out, 0, size);
                case GZIP -> gunzip(in, off, len, out);
                default -> throw new CorruptPageException("compression " + codec + " is not supported");
            };
        } catch (RuntimeException e) { // aircompressor's MalformedInputException and bounds errors
            throw new CorruptPageException("a " + codec + " page does not decompress: " + e.getMessage());
        }
        if (n != size) {
            throw new CorruptPageException("a " + codec + " page decompressed to " + n + " bytes, its header says "
                    + size);
        }
        return out;
    }

    private static int gunzip(byte[] in, int off, int len, byte[] out) throws IOException {
        try (InputStream gz = new GZIPInputStream(new ByteArrayInputStream(in, off, len), 8192)) {
            int n = gz.readNBytes(out, 0, out.length);
            if (gz.read() >= 0) {
                return out.length + 1; // more than the header says
            }
            return n;
        }
    }
}
