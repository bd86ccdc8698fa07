package io.lakeloop.connect.s3.format.parquet;

import io.lakeloop.lake.LakeColumn;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;

/**
 * One Parquet file written into an object's buffer: each {@code write} is one row encoded by {@link ParquetFormat};
 * {@link #close()} writes the last row group and the footer. Built with a plain (Hadoop-free) configuration and
 * {@link ParquetCodecs}, so no Hadoop class is ever loaded.
 */
final class ParquetRowStream extends OutputStream {

    private final List<LakeColumn> columns;
    private final SimpleGroupFactory groups;
    private final ParquetWriter<Group> writer;
    private boolean closed;

    ParquetRowStream(OutputStream target, MessageType schema, List<LakeColumn> columns, CompressionCodecName codec,
                     long rowGroupBytes, CompressionCodecFactory codecs) throws IOException {
        this.columns = columns;
        this.groups = new SimpleGroupFactory(schema);
        this.writer = hadoopFreeBuilder(new Target(target))
                .withCodecFactory(codecs)
                .withType(schema)
                .withCompressionCodec(codec)
                .withRowGroupSize(rowGroupBytes)
                .withPageSize((int) Math.min(1024 * 1024, rowGroupBytes))
                .withDictionaryEncoding(true)
                .build();
    }

    /**
     * {@code ExampleParquetWriter.builder(OutputFile).withConf(ParquetConfiguration)}, linked by exact signature: both
     * methods have overloads taking Hadoop types, which javac (to tell them apart) and reflection (listing methods)
     * would load, and Hadoop is deliberately absent from the build and the plugin. A method handle resolves only
     * the one signature, as a plain call does at run time.
     */
    private static ExampleParquetWriter.Builder hadoopFreeBuilder(OutputFile file) throws IOException {
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Object builder = lookup.findStatic(ExampleParquetWriter.class, "builder",
                    MethodType.methodType(ExampleParquetWriter.Builder.class, OutputFile.class)).invoke(file);
            return (ExampleParquetWriter.Builder) lookup.findVirtual(ParquetWriter.Builder.class, "withConf",
                    MethodType.methodType(ParquetWriter.Builder.class, ParquetConfiguration.class))
                    .invoke(builder, new PlainParquetConfiguration());
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException("this parquet-hadoop has no Hadoop-free writer builder", e);
        }
    }

    @Override
    public void write(int b) {
        throw new UnsupportedOperationException("rows are written whole");
    }

    @Override
    public void write(byte[] row, int off, int len) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(row, off, len));
        Group group = groups.newGroup();
        for (LakeColumn c : columns) {
            switch (c) {
                case TIMESTAMP -> group.append(c.name(), in.readLong());
                case EVENT_VALUE -> {
                    boolean present = in.readBoolean();
                    double v = in.readDouble();
                    if (present) {
                        group.append(c.name(), v);
                    }
                }
                default -> {
                    if (in.readBoolean()) {
                        byte[] utf8 = new byte[in.readInt()];
                        in.readFully(utf8);
                        group.append(c.name(), Binary.fromConstantByteArray(utf8));
                    }
                }
            }
        }
        writer.write(group);
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            writer.close();
        }
    }

    /** The object's buffer as Parquet's output file: written front to back, never reopened. */
    private static final class Target implements OutputFile {
        private final OutputStream target;

        Target(OutputStream target) {
            this.target = target;
        }

        @Override
        public PositionOutputStream create(long blockSizeHint) {
            return new PositionOutputStream() {
                private long position;

                @Override
                public long getPos() {
                    return position;
                }

                @Override
                public void write(int b) throws IOException {
                    target.write(b);
                    position++;
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    target.write(b, off, len);
                    position += len;
                }

                @Override
                public void close() throws IOException {
                    target.close();
                }
            };
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) {
            return create(blockSizeHint);
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }
    }
}
