package io.lakeloop.connect.s3.format.parquet;

import io.airlift.compress.snappy.SnappyCompressor;
import io.airlift.compress.zstd.ZstdCompressor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Page compression without Hadoop: parquet-java's own codec factory loads Hadoop's codec classes, which would add
 * Hadoop to the plugin. Snappy and Zstandard come from the pure-Java aircompressor, gzip from the JDK. Write only.
 */
final class ParquetCodecs implements CompressionCodecFactory {

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return new BytesInputCompressor() {
            @Override
            public BytesInput compress(BytesInput input) throws IOException {
                byte[] raw = input.toByteArray();
                return switch (codec) {
                    case UNCOMPRESSED -> BytesInput.from(raw);
                    case SNAPPY -> {
                        SnappyCompressor c = new SnappyCompressor();
                        byte[] out = new byte[c.maxCompressedLength(raw.length)];
                        yield BytesInput.from(out, 0, c.compress(raw, 0, raw.length, out, 0, out.length));
                    }
                    case ZSTD -> {
                        ZstdCompressor c = new ZstdCompressor();
                        byte[] out = new byte[c.maxCompressedLength(raw.length)];
                        yield BytesInput.from(out, 0, c.compress(raw, 0, raw.length, out, 0, out.length));
                    }
                    case GZIP -> {
                        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 4 + 64);
                        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                            gzip.write(raw);
                        }
                        yield BytesInput.from(out.toByteArray());
                    }
                    default -> throw new IOException("no " + codec + " compressor here");
                };
            }

            @Override
            public CompressionCodecName getCodecName() {
                return codec;
            }

            @Override
            public void release() {
                // nothing held
            }
        };
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        throw new UnsupportedOperationException("the sink writes Parquet, it never reads it");
    }

    @Override
    public void release() {
        // nothing held
    }
}
