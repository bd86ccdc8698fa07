package io.lakeloop.export;

import static io.lakeloop.export.DuckDb.lit;
import static io.lakeloop.export.TestParts.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakeloop.event.RecordValues;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 13: Parquet parts that cannot be exported fail loudly, naming the object and the column, and publish
 * nothing; the bytes decide what a part is, never its name.
 */
class ParquetPartsTest {

    private static final String OLD = "USER_ID,ITEM_ID,TIMESTAMP\r\nold,run,1\r\n";

    static DuckDb duck;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        duck = new DuckDb();
    }

    @AfterAll
    static void stop() throws Exception {
        duck.close();
    }

    private Path parquet(String name, String select, String options) throws Exception {
        Path p = dir.resolve("src").resolve(name);
        Files.createDirectories(p.getParent());
        duck.exec("COPY (" + select + ") TO " + lit(p) + " (FORMAT PARQUET" + options + ")");
        return p;
    }

    private Path oldOutput() {
        return write(dir, "out.csv", OLD.getBytes(StandardCharsets.UTF_8));
    }

    private ExportRequest.Builder request() {
        return ExportRequest.builder().source(dir.resolve("src").toString()).output(dir.resolve("out.csv").toString());
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "|", value = {
        "{'a': 'x'} AS USER_ID, 'i' AS ITEM_ID, 1700000000 AS TIMESTAMP | column USER_ID is nested",
        "'u' AS user_id, ['i'] AS ITEM_ID, 1700000000 AS TIMESTAMP | column ITEM_ID is nested",
        "'u' AS USER_ID, 1.5::DOUBLE AS ITEM_ID, 1700000000 AS TIMESTAMP | column ITEM_ID has type DOUBLE",
        "'u' AS USER_ID, 'i' AS ITEM_ID, true AS TIMESTAMP | column TIMESTAMP has type BOOLEAN",
        "'u' AS USER_ID, 'i' AS ITEM_ID, TIME '10:00:00' AS TIMESTAMP | column TIMESTAMP has type INT64 TIME",
        "'u' AS USER_ID, 12.50::DECIMAL(9,2) AS ITEM_ID, 1700000000 AS TIMESTAMP | column ITEM_ID has type INT32 DECIMAL",
        "'u' AS USER_ID, 1700000000 AS TIMESTAMP | no column ITEM_ID"})
    void aColumnItCannotReadFailsTheExportNamingTheObjectAndColumn(String select, String message) throws Exception {
        Path part = parquet("part-0.csv", "SELECT " + select + " FROM range(10)", ""); // the name says nothing
        Path out = oldOutput();

        assertThatThrownBy(() -> Exporter.run(request().build())).isInstanceOf(ExportException.class)
                .hasMessageContaining(part.toString()).hasMessageContaining(message);
        assertThat(Files.readString(out)).isEqualTo(OLD);
    }

    @Test
    void parquetBesideTextIsAMixedTableNamingTwoObjects() throws Exception {
        Path pq = parquet("a.parquet", "SELECT 'u' AS USER_ID, 'i' AS ITEM_ID, 1700000000 AS TIMESTAMP", "");
        Path csv = write(dir, "src/b.csv.gz", TestParts.gzip("USER_ID,ITEM_ID,TIMESTAMP\nu,i,1700000000\n"
                .getBytes(StandardCharsets.UTF_8)));
        Path out = oldOutput();

        assertThatThrownBy(() -> Exporter.run(request().build())).isInstanceOf(ExportException.class)
                .hasMessageContaining("mixed formats").hasMessageContaining(pq.toString())
                .hasMessageContaining(csv.toString());
        assertThat(Files.readString(out)).isEqualTo(OLD);
    }

    @Test
    void aTruncatedOrCorruptParquetPartFailsNamingItAndPublishesNothing() throws Exception {
        Path good = parquet("p0.parquet", "SELECT 'u' || i AS USER_ID, 'i' || i AS ITEM_ID, 1700000000 + i AS TIMESTAMP"
                + " FROM range(200000) r(i)", ", COMPRESSION zstd");
        byte[] bytes = Files.readAllBytes(good);
        Path out = oldOutput();

        Files.write(good, Arrays.copyOf(bytes, bytes.length - 100));
        assertThatThrownBy(() -> Exporter.run(request().build())).isInstanceOf(ExportException.class)
                .hasMessageContaining(good.toString()).hasMessageContaining("does not end with");

        byte[] corrupt = bytes.clone();
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        System.arraycopy(noise, 0, corrupt, 2000, noise.length); // inside the first column chunk's pages
        Files.write(good, corrupt);
        assertThatThrownBy(() -> Exporter.run(request().build())).isInstanceOf(ExportException.class)
                .hasMessageContaining(good.toString());

        byte[] garbage = new byte[100_000];
        new Random(8).nextBytes(garbage);
        System.arraycopy("PAR1".getBytes(StandardCharsets.US_ASCII), 0, garbage, 0, 4);
        System.arraycopy("PAR1".getBytes(StandardCharsets.US_ASCII), 0, garbage, garbage.length - 4, 4);
        Files.write(good, garbage);
        assertThatThrownBy(() -> Exporter.run(request().build())).isInstanceOf(ExportException.class)
                .hasMessageContaining(good.toString());
        assertThat(Files.readString(out)).isEqualTo(OLD);
        assertThat(dir.resolve("out.csv.report.json")).doesNotExist();
    }

    @Test
    void dryRunReportsEachPartsFormatCodecAndMatchedColumns() throws Exception {
        parquet("p0", "SELECT 'u' AS user_id, 7::BIGINT AS Item_Id, TIMESTAMP '2024-01-01' AS ts, "
                + "1700000000 AS TIMESTAMP", ", COMPRESSION snappy");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = ExporterMain.execute(new String[] {"--source", dir.resolve("src").toString(), "--output",
            dir.resolve("o.csv").toString(), "--dry-run", "--json"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), false);

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        JsonNode part = RecordValues.JSON.readTree(out.toString(StandardCharsets.UTF_8)).get("plan").get("parts").get(0);
        assertThat(part.get("format").asText()).isEqualTo("parquet");
        assertThat(part.get("compression").asText()).isEqualTo("snappy");
        assertThat(part.get("columns").toString()).contains("USER_ID=user_id BYTE_ARRAY")
                .contains("ITEM_ID=Item_Id INT64").contains("TIMESTAMP=TIMESTAMP INT");
        assertThat(dir.resolve("o.csv")).doesNotExist();
    }
}
