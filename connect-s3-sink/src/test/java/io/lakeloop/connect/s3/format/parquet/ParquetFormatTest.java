package io.lakeloop.connect.s3.format.parquet;

import static io.lakeloop.connect.s3.TestRecords.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeloop.connect.s3.TestRecords;
import io.lakeloop.connect.s3.config.S3SinkConfig;
import io.lakeloop.connect.s3.storage.InMemoryObjectStore;
import io.lakeloop.connect.s3.write.TaskWriter;
import io.lakeloop.lake.LakeRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parquet objects written by the real writer, read back by DuckDB (a reader nobody here wrote). */
class ParquetFormatTest {

    private final InMemoryObjectStore store = new InMemoryObjectStore();
    @TempDir
    Path dir;

    private TaskWriter writer(String... kv) {
        List<String> all = new ArrayList<>(List.of("format", "parquet", "s3.key.layout", "hive",
                "time.source", "field", "time.field", "TIMESTAMP", "time.field.unit", "seconds"));
        all.addAll(List.of(kv));
        TaskWriter w = TaskWriter.create(new S3SinkConfig(config(all.toArray(String[]::new))), store,
                Clock.systemUTC(), TestRecords.NO_SEEK);
        w.open(List.of(new TopicPartition("t", 0)));
        return w;
    }

    private static LakeRow row(int i, String pad) {
        return new LakeRow("user,\"" + i + pad, "item-" + i, 1_772_841_600L + i, i % 3 == 0 ? "add\nto cart" : "click",
                i % 2 == 0 ? null : i * 1.25, i % 4 == 0 ? null : "s" + i, "e" + i);
    }

    /** Every data object as a file, then DuckDB's rows and column types. */
    private List<List<Object>> read(String expectedCodec) throws Exception {
        int n = 0;
        for (Map.Entry<String, InMemoryObjectStore.Stored> e : store.objects().entrySet()) {
            if (!e.getKey().startsWith("_lakeloop/")) {
                assertThat(e.getKey()).endsWith(".parquet");
                Files.write(dir.resolve("part-" + n++ + ".parquet"), e.getValue().bytes());
            }
        }
        List<List<Object>> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT DISTINCT compression FROM parquet_metadata('" + dir + "/*.parquet')")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(expectedCodec);
                assertThat(rs.next()).as("one codec").isFalse();
            }
            try (ResultSet rs = s.executeQuery("SELECT * FROM read_parquet('" + dir + "/*.parquet') ORDER BY TIMESTAMP")) {
                assertThat(rs.getMetaData().getColumnTypeName(3)).isEqualTo("BIGINT");
                assertThat(rs.getMetaData().getColumnTypeName(5)).isEqualTo("DOUBLE");
                while (rs.next()) {
                    rows.add(List.of(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                            rs.getObject(5) == null ? "null" : rs.getDouble(5),
                            rs.getString(6) == null ? "null" : rs.getString(6), rs.getString(7)));
                }
            }
        }
        return rows;
    }

    private static List<Object> expected(LakeRow r) {
        return List.of(r.userId(), r.itemId(), r.timestamp(), r.eventType(),
                r.eventValue() == null ? "null" : r.eventValue(), r.sessionId() == null ? "null" : r.sessionId(),
                r.eventId());
    }

    @ParameterizedTest(name = "compression={0}")
    @ValueSource(strings = {"snappy", "zstd", "gzip", "none"})
    void lakeRowsFromJsonAndStructsAreReadBackExactlyWithTheLakeTypes(String compression) throws Exception {
        TaskWriter w = writer("compression", compression, "rotate.records", "25");
        Schema schema = SchemaBuilder.struct().field("USER_ID", Schema.STRING_SCHEMA).field("ITEM_ID", Schema.STRING_SCHEMA)
                .field("TIMESTAMP", Schema.INT64_SCHEMA).field("EVENT_TYPE", Schema.STRING_SCHEMA)
                .field("EVENT_VALUE", Schema.OPTIONAL_FLOAT64_SCHEMA).field("SESSION_ID", Schema.OPTIONAL_STRING_SCHEMA)
                .field("EVENT_ID", Schema.STRING_SCHEMA).build();
        List<List<Object>> expected = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            LakeRow r = row(i, "");
            Object value = r.toJson();
            if (i % 2 == 1) {
                value = new Struct(schema).put("USER_ID", r.userId()).put("ITEM_ID", r.itemId())
                        .put("TIMESTAMP", r.timestamp()).put("EVENT_TYPE", r.eventType())
                        .put("EVENT_VALUE", r.eventValue()).put("SESSION_ID", r.sessionId()).put("EVENT_ID", r.eventId());
            }
            w.write(new SinkRecord("t", 0, null, null, i % 2 == 1 ? schema : null, value, i, 0L,
                    TimestampType.CREATE_TIME), null);
            expected.add(expected(r));
        }
        assertThat(read(compression.equals("none") ? "UNCOMPRESSED" : compression.toUpperCase()))
                .containsExactlyElementsOf(expected);
    }

    @Test
    void rowGroupsAreBoundedAndEachOpenObjectIsChargedItsRowGroup() throws Exception {
        TaskWriter w = writer("format.parquet.row.group.bytes", String.valueOf(1 << 20), "compression", "none",
                "rotate.records", "1000000", "memory.budget.bytes", String.valueOf(64 << 20));
        String pad = "x".repeat(200);
        for (int i = 0; i < 20_000; i++) {
            w.write(TestRecords.json("t", 0, i, row(i, pad + i).toJson(), 0L), null);
        }
        assertThat(w.bufferedBytes()).as("the open object's row group is charged").isGreaterThanOrEqualTo(1 << 20);
        // a row of the next day completes the object (a new dt= key)
        w.write(TestRecords.json("t", 0, 20_000, row(20_000, pad).toJson().replace("1772861600", "1772928000"), 0L), null);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            assertThat(read("UNCOMPRESSED")).hasSize(20_000);
            try (ResultSet rs = s.executeQuery("SELECT count(DISTINCT row_group_id), max(row_group_bytes) "
                    + "FROM parquet_metadata('" + dir + "/*.parquet')")) {
                rs.next();
                assertThat(rs.getLong(1)).as("row groups").isGreaterThan(2);
                assertThat(rs.getLong(2)).as("each within the bound").isLessThanOrEqualTo(2L << 20);
            }
        }
    }

    @Test
    void parquetIsForLakeColumnsAndStoresValuesOnly() {
        assertThatThrownBy(() -> new S3SinkConfig(config("format", "parquet", "format.csv.columns", "USER_ID,price"))
                .checkCrossKeyRules()).hasMessageContaining("price").hasMessageContaining("lake column");
        assertThatThrownBy(() -> new S3SinkConfig(config("format", "csv", "compression", "snappy"))
                .checkCrossKeyRules()).hasMessageContaining("Parquet");
        assertThatThrownBy(() -> new S3SinkConfig(config("format", "parquet", "store.kafka.keys", "true"))
                .checkCrossKeyRules()).hasMessageContaining("values only");
    }
}
