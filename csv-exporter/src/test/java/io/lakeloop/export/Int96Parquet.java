package io.lakeloop.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.CompressionCodec;
import org.apache.parquet.format.ConvertedType;
import org.apache.parquet.format.DataPageHeader;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FieldRepetitionType;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.PageType;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.Type;
import org.apache.parquet.format.Util;

/**
 * Writes the Parquet file DuckDB cannot: {@code USER_ID, ITEM_ID} (required strings) and {@code TIMESTAMP} as INT96
 * (as Hive, Impala and Spark write it: nanoseconds of the day, then the Julian day, little-endian), one row group,
 * one uncompressed PLAIN data page per column — by hand, with parquet-format's Thrift structures.
 */
final class Int96Parquet {

    private Int96Parquet() {
    }

    static void write(Path file, long[] epochNanos) throws IOException {
        int n = epochNanos.length;
        ByteArrayOutputStream users = new ByteArrayOutputStream();
        ByteArrayOutputStream items = new ByteArrayOutputStream();
        ByteBuffer ts = ByteBuffer.allocate(12 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            plainString(users, "u" + (i % 37));
            plainString(items, "i" + i);
            long day = Math.floorDiv(epochNanos[i], 86_400_000_000_000L);
            ts.putLong(Math.floorMod(epochNanos[i], 86_400_000_000_000L)).putInt((int) (day + 2_440_588L));
        }
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write("PAR1".getBytes(StandardCharsets.US_ASCII));
            List<ColumnChunk> chunks = new ArrayList<>();
            chunks.add(chunk(body, "USER_ID", Type.BYTE_ARRAY, users.toByteArray(), n));
            chunks.add(chunk(body, "ITEM_ID", Type.BYTE_ARRAY, items.toByteArray(), n));
            chunks.add(chunk(body, "TIMESTAMP", Type.INT96, ts.array(), n));
            long total = body.size() - 4;
            RowGroup rg = new RowGroup();
            rg.setColumns(chunks);
            rg.setNum_rows(n);
            rg.setTotal_byte_size(total);
            FileMetaData meta = new FileMetaData();
            meta.setVersion(1);
            meta.setSchema(List.of(root(), field("USER_ID", Type.BYTE_ARRAY), field("ITEM_ID", Type.BYTE_ARRAY),
                    field("TIMESTAMP", Type.INT96)));
            meta.setNum_rows(n);
            meta.setRow_groups(List.of(rg));
            meta.setCreated_by("lakeloop test (INT96 by hand)");
            ByteArrayOutputStream footer = new ByteArrayOutputStream();
            Util.writeFileMetaData(meta, footer);
            body.write(footer.toByteArray());
            body.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(footer.size()).array());
            body.write("PAR1".getBytes(StandardCharsets.US_ASCII));
            out.write(body.toByteArray());
        }
    }

    private static void plainString(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length).array());
        out.writeBytes(b);
    }

    private static ColumnChunk chunk(ByteArrayOutputStream body, String name, Type type, byte[] values, int n)
            throws IOException {
        long offset = body.size();
        PageHeader h = new PageHeader();
        h.setType(PageType.DATA_PAGE);
        h.setUncompressed_page_size(values.length);
        h.setCompressed_page_size(values.length);
        DataPageHeader d = new DataPageHeader();
        d.setNum_values(n);
        d.setEncoding(Encoding.PLAIN);
        d.setDefinition_level_encoding(Encoding.RLE);
        d.setRepetition_level_encoding(Encoding.RLE);
        h.setData_page_header(d);
        Util.writePageHeader(h, body);
        body.write(values);
        ColumnMetaData m = new ColumnMetaData();
        m.setType(type);
        m.setEncodings(List.of(Encoding.PLAIN));
        m.setPath_in_schema(List.of(name));
        m.setCodec(CompressionCodec.UNCOMPRESSED);
        m.setNum_values(n);
        m.setTotal_uncompressed_size(body.size() - offset);
        m.setTotal_compressed_size(body.size() - offset);
        m.setData_page_offset(offset);
        ColumnChunk c = new ColumnChunk();
        c.setFile_offset(offset);
        c.setMeta_data(m);
        return c;
    }

    private static SchemaElement root() {
        SchemaElement e = new SchemaElement();
        e.setName("schema");
        e.setNum_children(3);
        return e;
    }

    private static SchemaElement field(String name, Type type) {
        SchemaElement e = new SchemaElement();
        e.setName(name);
        e.setType(type);
        e.setRepetition_type(FieldRepetitionType.REQUIRED);
        if (type == Type.BYTE_ARRAY) {
            e.setConverted_type(ConvertedType.UTF8);
        }
        return e;
    }
}
