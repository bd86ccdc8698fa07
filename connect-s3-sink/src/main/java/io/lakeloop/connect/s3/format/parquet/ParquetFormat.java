package io.lakeloop.connect.s3.format.parquet;

import io.lakeloop.connect.s3.format.CsvFormat;
import io.lakeloop.connect.s3.format.RecordFormat;
import io.lakeloop.connect.s3.format.RecordView;
import io.lakeloop.connect.s3.format.RenderException;
import io.lakeloop.connect.s3.write.ObjectEncoder;
import io.lakeloop.lake.LakeColumn;
import io.lakeloop.lake.LakeRow;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

/**
 * Lake rows as Parquet: one column per configured lake column (USER_ID, ITEM_ID, EVENT_TYPE, EVENT_ID as required
 * UTF-8 strings, SESSION_ID optional, TIMESTAMP a required int64 of epoch seconds, EVENT_VALUE an optional double),
 * read from JSON text or bytes, maps or Structs with core's {@link LakeRow} rules, as the CSV layout is. Each object
 * is one Parquet file; row groups are flushed into the upload parts when they reach {@code rowGroupBytes}, the
 * footer when the object is completed, so rotation and the exactly-once state work as for any format.
 */
public final class ParquetFormat implements RecordFormat {

    private static final byte[] NONE = new byte[0];
    private final List<LakeColumn> columns;
    private final MessageType schema;
    private final CompressionCodecName codec;
    private final long rowGroupBytes;

    public ParquetFormat(List<LakeColumn> columns, String compression, long rowGroupBytes) {
        this.columns = List.copyOf(columns);
        this.codec = switch (compression) {
            case "gzip" -> CompressionCodecName.GZIP;
            case "zstd" -> CompressionCodecName.ZSTD;
            case "snappy" -> CompressionCodecName.SNAPPY;
            case "none" -> CompressionCodecName.UNCOMPRESSED;
            default -> throw new IllegalArgumentException("no Parquet codec " + compression);
        };
        this.rowGroupBytes = rowGroupBytes;
        Types.MessageTypeBuilder builder = Types.buildMessage();
        for (LakeColumn c : this.columns) {
            Repetition repetition = c == LakeColumn.EVENT_VALUE || c == LakeColumn.SESSION_ID
                    ? Repetition.OPTIONAL : Repetition.REQUIRED;
            switch (c) {
                case TIMESTAMP -> builder.primitive(PrimitiveTypeName.INT64, repetition).named(c.name());
                case EVENT_VALUE -> builder.primitive(PrimitiveTypeName.DOUBLE, repetition).named(c.name());
                default -> builder.primitive(PrimitiveTypeName.BINARY, repetition)
                        .as(LogicalTypeAnnotation.stringType()).named(c.name());
            }
        }
        this.schema = builder.named("lake_interactions");
    }

    public MessageType schema() {
        return schema;
    }

    @Override
    public String extension() {
        return ".parquet";
    }

    @Override
    public byte[] header() {
        return NONE;
    }

    /** The row, encoded for {@link ParquetRowStream}: per column a presence byte, then its value. */
    @Override
    public byte[] render(RecordView view) throws RenderException {
        if (view.value() == null) {
            throw new RenderException("the record has no value (tombstone)");
        }
        LakeRow row;
        try {
            row = LakeRow.fromMap(view.map());
        } catch (NumberFormatException e) {
            throw new RenderException("not a lake row: a numeric column (TIMESTAMP or EVENT_VALUE) is not a number");
        } catch (IllegalArgumentException e) {
            throw new RenderException(e.getMessage() == null ? "not a lake row" : e.getMessage());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (LakeColumn c : columns) {
                switch (c) {
                    case TIMESTAMP -> out.writeLong(row.timestamp());
                    case EVENT_VALUE -> {
                        out.writeBoolean(row.eventValue() != null);
                        out.writeDouble(row.eventValue() == null ? 0 : row.eventValue());
                    }
                    default -> text(out, cell(row, c));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void text(DataOutputStream out, String value) throws IOException, RenderException {
        out.writeBoolean(value != null);
        if (value != null) {
            if (CsvFormat.hasLoneSurrogate(value)) {
                throw new RenderException("a field holds a lone UTF-16 surrogate, which UTF-8 cannot encode");
            }
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            out.writeInt(utf8.length);
            out.write(utf8);
        }
    }

    private static String cell(LakeRow row, LakeColumn c) {
        return switch (c) {
            case USER_ID -> row.userId();
            case ITEM_ID -> row.itemId();
            case EVENT_TYPE -> row.eventType();
            case SESSION_ID -> row.sessionId();
            case EVENT_ID -> row.eventId();
            default -> throw new IllegalArgumentException(c.name());
        };
    }

    /** What makes each object a Parquet file. */
    @Override
    public ObjectEncoder encoder() {
        return new ObjectEncoder() {
            @Override
            public OutputStream open(OutputStream target) throws IOException {
                return new ParquetRowStream(target, schema, columns, codec, rowGroupBytes, new ParquetCodecs());
            }

            @Override
            public long memoryBytes() {
                // the row group being built (its pages included) and a margin for the footer and buffers
                return rowGroupBytes + 1024 * 1024;
            }
        };
    }
}
