package io.lakeloop.connect.s3;

import static io.lakeloop.connect.s3.ItSupport.deployedConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lakeloop.connect.s3.lake.LakeTableDdl;
import io.lakeloop.lake.LakeColumn;
import io.lakeloop.lake.LakeRow;
import io.lakeloop.testkit.ConnectClusterExtension;
import io.lakeloop.testkit.S3ProxyExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A SQL engine reads the lake as the deployed lake sink writes it on a real Connect worker: DuckDB over the files of
 * the s3proxy filesystem store, with hive_partitioning and the column types of the generated Athena DDL, returns
 * exactly the rows produced.
 */
@Tag("runtime-independent") // not rerun on Connect 3.7.2 by .ci/run: what it checks is the plugin's own logic
class S3SinkLakeSqlIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Path STORE = tempDir();

    @RegisterExtension
    static final S3ProxyExtension S3 = S3ProxyExtension.create().withFilesystemStore(STORE);

    @RegisterExtension
    static final ConnectClusterExtension CONNECT = ConnectClusterExtension.create();

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("lake-sql-it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "compression={0}")
    @CsvSource({"csv, gzip", "csv, zstd", "parquet, snappy", "parquet, zstd", "parquet, gzip"})
    void duckDbReadsTheLakeWithTheDdlsTypesAndFindsExactlyTheRowsProduced(String format, String compression)
            throws Exception {
        String run = format + "_" + compression;
        Map<String, String> config = deployedConfig("s3-lake-sink.json", S3, "rotate.schedule.interval.ms", "2000",
                "rotate.records", "7", "format", format, "compression", compression, "name", "lake-" + run,
                "topics", "lake.interactions." + run, "s3.key.hive.table", "interactions_" + run);
        String topic = config.get("topics");
        CONNECT.kafka().createTopic(topic, 2);
        List<LakeRow> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            long ts = (i % 2 == 0 ? 1_772_841_600L : 1_772_928_000L) + i; // 2026-03-07 and 2026-03-08 (UTC)
            rows.add(new LakeRow("user,\"" + i, "item-" + i, ts, i % 3 == 0 ? "add, to cart" : "click",
                    i % 2 == 0 ? null : i * 1.25, i % 4 == 0 ? null : "s" + i, "e" + i));
        }
        for (LakeRow r : rows) {
            CONNECT.kafka().produce(topic, r.userId(), r.toJson());
        }
        CONNECT.configureConnector(config.get("name"), config);

        Path table = STORE.resolve(config.get("s3.bucket")).resolve(config.get("s3.key.hive.dataset"))
                .resolve(config.get("s3.key.hive.table"));
        await().atMost(TIMEOUT).ignoreExceptions().until(() -> query(table, format).size() == rows.size());
        String extension = format.equals("parquet") ? ".parquet" : compression.equals("gzip") ? ".csv.gz" : ".csv.zst";
        try (var files = Files.walk(table)) {
            assertThat(files.filter(Files::isRegularFile).map(Path::toString)).allMatch(f -> f.endsWith(extension));
        }
        List<List<Object>> read = query(table, format);
        List<List<Object>> expected = new ArrayList<>();
        for (LakeRow r : rows) {
            String day = r.timestamp() < 1_772_928_000L ? "2026-03-07" : "2026-03-08";
            expected.add(List.of(r.userId(), r.itemId(), r.timestamp(), r.eventType(),
                    r.eventValue() == null ? "null" : r.eventValue(), r.sessionId() == null ? "" : r.sessionId(),
                    r.eventId(), day));
        }
        assertThat(read).containsExactlyInAnyOrderElementsOf(expected);
        CONNECT.deleteConnector(config.get("name"));
    }

    /** Every row under the table's location, typed as the DDL declares, with {@code dt} from the path. */
    private static List<List<Object>> query(Path table, String format) throws Exception {
        String columns = LakeTableDdl.duckDbColumns().entrySet().stream()
                .map(e -> "'" + e.getKey() + "': '" + e.getValue() + "'").collect(Collectors.joining(", "));
        // Parquet files carry their own types: the assertion below checks they are the DDL's
        String sql = format.equals("parquet")
                ? "SELECT * FROM read_parquet('" + table + "/*/*.parquet', hive_partitioning = true, "
                        + "hive_types = {'dt': 'VARCHAR'}) ORDER BY EVENT_ID"
                : "SELECT * FROM read_csv('" + table + "/*/*.csv.*', header = true, hive_partitioning = true, "
                        + "hive_types = {'dt': 'VARCHAR'}, columns = {" + columns + "}) ORDER BY EVENT_ID";
        List<List<Object>> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            Map<String, String> types = new LinkedHashMap<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                types.put(rs.getMetaData().getColumnName(i), rs.getMetaData().getColumnTypeName(i));
            }
            Map<String, String> expected = new LinkedHashMap<>(LakeTableDdl.duckDbColumns());
            expected.put("dt", "VARCHAR");
            assertThat(types).as("the DDL's types").isEqualTo(expected);
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (LakeColumn col : LakeColumn.ALL) {
                    Object v = rs.getObject(col.name());
                    row.add(v == null ? (col == LakeColumn.EVENT_VALUE ? "null" : "") : v);
                }
                row.add(rs.getString("dt"));
                out.add(row);
            }
        }
        return out;
    }
}
