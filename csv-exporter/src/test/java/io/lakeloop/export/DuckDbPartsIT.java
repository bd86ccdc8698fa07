package io.lakeloop.export;

import static io.lakeloop.export.DuckDb.lit;
import static io.lakeloop.export.TestParts.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakeloop.export.report.ValidationReport;
import io.lakeloop.testkit.S3ProxyExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import io.lakeloop.lake.LakeColumn;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Issue 13: DuckDB stands in for Athena, the producer nobody here wrote. It writes a table as Hive text (U+0001,
 * no header, {@code \N} for null; gzip and zstd) and as Parquet, and reads the same files back: the exporter's output,
 * from local files and through s3proxy, must hold exactly the rows DuckDB reads (those with all three columns).
 */
class DuckDbPartsIT {

    @RegisterExtension
    static final S3ProxyExtension S3 = S3ProxyExtension.create();

    /** 60,000 rows: ids with commas and non-ASCII letters, 0.1 % nulls in each column, four parts. */
    static final String TABLE = "CREATE TABLE t AS SELECT"
            + " CASE WHEN i % 1000 = 7 THEN NULL WHEN i % 10 = 3 THEN 'u,' || (i % 977) ELSE 'ü' || (i % 977) END"
            + " AS USER_ID,"
            + " CASE WHEN i % 1000 = 17 THEN NULL ELSE 'item-' || (i % 5003) END AS ITEM_ID,"
            + " CASE WHEN i % 1000 = 27 THEN NULL ELSE 1700000000 + i * 7 END AS TIMESTAMP,"
            + " 'click' AS EVENT_TYPE, i AS n FROM range(60000) r(i)";

    static DuckDb duck;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        duck = new DuckDb();
        duck.exec(TABLE);
    }

    @AfterAll
    static void stop() throws Exception {
        duck.close();
    }

    private void copyParts(String select, Path to, String options, String suffix) throws Exception {
        Files.createDirectories(to);
        for (int p = 0; p < 4; p++) {
            duck.exec("COPY (" + select + " WHERE n % 4 = " + p + " ORDER BY n) TO "
                    + lit(to.resolve("part-" + p + suffix)) + " (" + options + ")");
        }
    }

    /** The rows DuckDB reads from {@code from}, as text, without the rows a null in the three columns rejects. */
    private static List<List<String>> complete(String from) throws Exception {
        return sorted(duck.rows("SELECT USER_ID, ITEM_ID, CAST(TIMESTAMP AS VARCHAR) FROM " + from
                + " WHERE USER_ID IS NOT NULL AND ITEM_ID IS NOT NULL AND TIMESTAMP IS NOT NULL"));
    }

    private static List<List<String>> sorted(List<List<String>> rows) {
        List<List<String>> s = new ArrayList<>(rows);
        s.sort(Comparator.comparing(Object::toString));
        return s;
    }

    private static List<List<String>> exported(Path csv) {
        List<List<String>> all = parse(csv);
        assertThat(all.get(0)).containsExactly("USER_ID", "ITEM_ID", "TIMESTAMP");
        return sorted(all.subList(1, all.size()));
    }

    private static void upload(Path from, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.sorted().toList()) {
                S3.client().putObject(b -> b.bucket("lake").key(prefix + f.getFileName()), RequestBody.fromFile(f));
            }
        }
    }

    private ValidationReport exportBoth(Path parts, String prefix, List<List<String>> want, long nulls)
            throws Exception {
        ExportResult local = Exporter.run(ExportRequest.builder().source(parts.toString())
                .output(dir.resolve("local.csv").toString()).build());
        assertThat(exported(dir.resolve("local.csv"))).isEqualTo(want);

        upload(parts, prefix);
        ExportResult s3 = Exporter.run(ExportRequest.builder().source("s3://lake/" + prefix)
                .output(dir.resolve("s3.csv").toString())
                .aws(io.lakeloop.aws.AwsSettings.forEndpoint(S3.endpoint(), S3.region(), S3.accessKey(),
                        S3.secretKey())).build());
        assertThat(exported(dir.resolve("s3.csv"))).isEqualTo(want);
        for (ValidationReport r : List.of(local.report(), s3.report())) {
            assertThat(r.rowsOut()).isEqualTo(want.size());
            assertThat(r.rowsRejected()).isEqualTo(nulls);
            assertThat(r.rejections()).containsOnlyKeys("MISSING_FIELD");
        }
        return local.report();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "zstd"})
    void hiveTextAsDuckDbWritesItHoldsTheRowsDuckDbReads(String compression) throws Exception {
        Path parts = dir.resolve("text-" + compression);
        copyParts("SELECT USER_ID, ITEM_ID, TIMESTAMP FROM t", parts, "FORMAT CSV, DELIMITER E'\\x01', HEADER false,"
                + " NULLSTR '\\N', COMPRESSION " + compression, compression.equals("gzip") ? ".gz" : ".zst");
        List<List<String>> want = complete("read_csv(" + lit(parts + "/*") + ", delim=E'\\x01', header=false,"
                + " nullstr='\\N', columns={'USER_ID':'VARCHAR','ITEM_ID':'VARCHAR','TIMESTAMP':'BIGINT'})");
        assertThat(want).hasSize(60000 - 180);

        exportBoth(parts, "text-" + compression + "/dt=2024-01-01/", want, 180);
    }

    @Test
    void hiveTextInTheTablesOwnColumnOrderNeedsOnlyItsColumnList() throws Exception {
        Path parts = dir.resolve("text-order");
        copyParts("SELECT EVENT_TYPE, ITEM_ID, n, TIMESTAMP, USER_ID FROM t", parts,
                "FORMAT CSV, DELIMITER E'\\x01', HEADER false, NULLSTR '\\N', COMPRESSION gzip", ".gz");
        List<List<String>> want = complete("t");

        Exporter.run(ExportRequest.builder().source(parts.toString()).output(dir.resolve("o.csv").toString())
                .text(new io.lakeloop.export.rows.TextOptions(-1, -1,
                        List.of("event_type", "item_id", "n", "timestamp", "user_id"))).build());

        assertThat(exported(dir.resolve("o.csv"))).isEqualTo(want);
    }

    @ParameterizedTest
    @CsvSource({"zstd,V1", "snappy,V1", "gzip,V1", "uncompressed,V1", "zstd,V2", "snappy,V2"})
    void parquetAsDuckDbWritesItHoldsTheRowsDuckDbReads(String compression, String version) throws Exception {
        Path parts = dir.resolve("pq-" + compression + version);
        copyParts("SELECT USER_ID AS user_id, ITEM_ID AS \"Item_Id\", TIMESTAMP, EVENT_TYPE, n FROM t", parts,
                "FORMAT PARQUET, COMPRESSION " + compression + ", PARQUET_VERSION " + version
                        + ", ROW_GROUP_SIZE 4096", ".parquet");
        List<List<String>> want = complete("read_parquet(" + lit(parts + "/*.parquet") + ")");
        assertThat(want).hasSize(60000 - 180);
        assertThat(duck.count("SELECT count(DISTINCT row_group_id) FROM parquet_metadata("
                + lit(parts + "/part-0.parquet") + ")")).isGreaterThan(2);

        exportBoth(parts, "pq-" + compression + version + "/dt=2024-01-01/", want, 180);
    }

    /** Integer ids (BIGINT, INTEGER, DECIMAL(18,0)), and every timestamp type DuckDB writes. */
    @ParameterizedTest
    @ValueSource(strings = {"TIMESTAMP", "TIMESTAMP_MS", "TIMESTAMP_NS", "TIMESTAMPTZ", "INTEGER", "BIGINT_MS",
        "DATE", "VARCHAR"})
    void parquetIntegerIdsAndEveryTimestampTypeGiveTheRowsDuckDbReads(String tsType) throws Exception {
        String ts = switch (tsType) {
            case "INTEGER" -> "CAST(1700000000 + i * 7 AS INTEGER)";
            case "BIGINT_MS" -> "CAST(1700000000123 + i * 7001 AS BIGINT)";
            case "DATE" -> "CAST(DATE '2024-01-01' + CAST(i % 300 AS INTEGER) AS DATE)";
            case "VARCHAR" -> "strftime(make_timestamp(1700000000000000 + i * 7000001), '%Y-%m-%dT%H:%M:%S.%gZ')";
            default -> "CAST(make_timestamp(1700000000000000 + i * 7000001) AS " + tsType + ")";
        };
        Path parts = dir.resolve("pq-" + tsType);
        duck.exec("CREATE OR REPLACE TABLE ints AS SELECT CASE WHEN i % 1000 = 5 THEN NULL ELSE CAST(i % 977 AS BIGINT) END"
                + " AS USER_ID, CAST(i % 5003 AS INTEGER) AS ITEM_ID, CAST(i % 11 AS DECIMAL(18,0)) AS EVENT_TYPE, "
                + ts + " AS TIMESTAMP, i AS n FROM range(20000) r(i)");
        Files.createDirectories(parts);
        duck.exec("COPY (SELECT * FROM ints ORDER BY n) TO " + lit(parts.resolve("p.parquet"))
                + " (FORMAT PARQUET, ROW_GROUP_SIZE 5000)");
        String seconds = switch (tsType) {
            case "INTEGER" -> "CAST(TIMESTAMP AS BIGINT)";
            case "BIGINT_MS" -> "CAST(TIMESTAMP // 1000 AS BIGINT)";
            case "DATE" -> "CAST(epoch(TIMESTAMP) AS BIGINT)";
            case "VARCHAR" -> "CAST(floor(epoch(CAST(TIMESTAMP AS TIMESTAMPTZ))) AS BIGINT)";
            default -> "CAST(floor(epoch(TIMESTAMP)) AS BIGINT)";
        };
        List<List<String>> want = sorted(duck.rows("SELECT CAST(USER_ID AS VARCHAR), CAST(ITEM_ID AS VARCHAR), "
                + "CAST(" + seconds + " AS VARCHAR), CAST(EVENT_TYPE AS VARCHAR) FROM read_parquet("
                + lit(parts.resolve("p.parquet")) + ") WHERE USER_ID IS NOT NULL"));
        assertThat(want).hasSize(20000 - 20);

        ExportResult r = Exporter.run(ExportRequest.builder().source(parts.toString())
                .output(dir.resolve("o.csv").toString()).columns(List.of(LakeColumn.USER_ID, LakeColumn.ITEM_ID,
                        LakeColumn.TIMESTAMP, LakeColumn.EVENT_TYPE)).build());

        List<List<String>> all = parse(dir.resolve("o.csv"));
        assertThat(sorted(all.subList(1, all.size()))).isEqualTo(want);
        assertThat(r.report().rejections()).containsOnlyKeys("MISSING_FIELD");
        assertThat(r.report().rowsRejected()).isEqualTo(20);
    }

    /**
     * INT96 timestamps (Hive, Impala, Spark and older Athena engines write them; DuckDB does not): the file is
     * written by the test's own Thrift writer, DuckDB reads it for the expected rows.
     */
    @Test
    void parquetInt96TimestampsGiveTheRowsDuckDbReads() throws Exception {
        Path file = dir.resolve("int96/p.parquet");
        long[] nanos = new long[3000];
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = 1_700_000_000_123_456_789L + i * 86_400_000_001_234L; // a day and a bit apart
        }
        Int96Parquet.write(file, nanos);
        List<List<String>> want = sorted(duck.rows("SELECT USER_ID, ITEM_ID, CAST(floor(epoch(TIMESTAMP)) AS BIGINT)"
                + "::VARCHAR FROM read_parquet(" + lit(file) + ") WHERE floor(epoch(TIMESTAMP)) <= 1767312000"));
        assertThat(want).hasSizeGreaterThan(100);

        ExportResult r = Exporter.run(ExportRequest.builder().source(file.getParent().toString())
                .output(dir.resolve("o.csv").toString()).maxRejectedRatio(1)
                .clock(java.time.Clock.fixed(java.time.Instant.parse("2026-01-01T00:00:00Z"), java.time.ZoneOffset.UTC))
                .build()); // a day ahead of the clock is the latest accepted: 2026-01-02T00:00:00Z = 1767312000

        assertThat(exported(dir.resolve("o.csv"))).isEqualTo(want);
        assertThat(r.report().rowsRejected()).isEqualTo(nanos.length - want.size());
        assertThat(r.report().rejections()).containsOnlyKeys("TIMESTAMP_IN_FUTURE");
    }
}
