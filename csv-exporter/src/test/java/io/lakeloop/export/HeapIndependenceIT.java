package io.lakeloop.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeloop.export.report.ValidationReport;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An input three times the heap goes through a forked JVM with {@code -Xmx64m}: the exporter holds neither the
 * input nor the output. (The multi-GB figure with -Xmx128m is in bench/, not here.)
 */
class HeapIndependenceIT {

    private static final int PARTS = 8;
    private static final int ROWS_PER_PART = 900_000; // ~26 MB of CSV each: ~210 MB in all

    @TempDir
    Path dir;

    @Test
    void exportsTwoHundredMegabytesWithSixtyFourMegabytesOfHeap() throws Exception {
        long inputBytes = 0;
        for (int p = 0; p < PARTS; p++) {
            inputBytes += writePart(dir.resolve("src/part-" + p + ".csv.gz"), p);
        }
        assertThat(inputBytes).isGreaterThan(3L * 64 * 1024 * 1024);
        Path out = dir.resolve("out.csv");

        JarProcess.Outcome o = JarProcess.run(dir, List.of("-Xmx64m"), Map.of(),
                "--source", dir.resolve("src").toString(), "--output", out.toString(), "--no-progress");

        assertThat(o.exitCode()).as(o.stderr()).isZero();
        ValidationReport r = ValidationReport.fromJson(Files.readString(Path.of(out + ".report.json")));
        assertThat(r.rowsOut()).isEqualTo((long) PARTS * ROWS_PER_PART);
        assertThat(r.rowsRejected()).isZero();
        assertThat(Files.size(out)).isEqualTo(r.bytesOut()).isGreaterThan(2L * 64 * 1024 * 1024);
        assertThat(countLines(out)).isEqualTo(1 + (long) PARTS * ROWS_PER_PART);
    }

    /**
     * Issue 13: a Parquet row group three times the heap (lake schema, written by DuckDB, unique 64-character
     * EVENT_IDs) goes through with {@code -Xmx64m}: only the needed column chunks are fetched, by ranged requests,
     * and streamed page by page, so the row group is never held whole.
     */
    @Test
    void exportsAParquetRowGroupLargerThanTheHeap() throws Exception {
        Path file = dir.resolve("pq/part-0.parquet");
        Files.createDirectories(file.getParent());
        int rows = 2_500_000;
        try (DuckDb duck = new DuckDb()) {
            duck.exec("COPY (SELECT 'user-' || (i % 50000) AS USER_ID, 'item-' || (i % 100000) AS ITEM_ID,"
                    + " 1700000000 + i // 100 AS TIMESTAMP, 'click' AS EVENT_TYPE, NULL::DOUBLE AS EVENT_VALUE,"
                    + " md5('s' || i) AS SESSION_ID, md5(CAST(i AS VARCHAR)) || md5('e' || i) AS EVENT_ID"
                    + " FROM range(" + rows + ") r(i)) TO " + DuckDb.lit(file)
                    + " (FORMAT PARQUET, COMPRESSION uncompressed, ROW_GROUP_SIZE " + rows + ")");
            assertThat(duck.count("SELECT count(DISTINCT row_group_id) FROM parquet_metadata(" + DuckDb.lit(file)
                    + ")")).isEqualTo(1);
            assertThat(duck.count("SELECT sum(total_compressed_size) FROM parquet_metadata(" + DuckDb.lit(file)
                    + ")")).isGreaterThan(3L * 64 * 1024 * 1024);
        }
        Path out = dir.resolve("pq-out.csv");

        JarProcess.Outcome o = JarProcess.run(dir, List.of("-Xmx64m"), Map.of(),
                "--source", file.getParent().toString(), "--output", out.toString(), "--no-progress");

        assertThat(o.exitCode()).as(o.stderr()).isZero();
        ValidationReport r = ValidationReport.fromJson(Files.readString(Path.of(out + ".report.json")));
        assertThat(r.rowsOut()).isEqualTo(rows);
        assertThat(r.rowsRejected()).isZero();
        assertThat(r.bytesIn()).isLessThan(Files.size(file) / 5); // the needed chunks and the footer only
        assertThat(countLines(out)).isEqualTo(1L + rows);
    }

    /**
     * DuckDB writes a column of long unique strings in pages of up to 100 MiB: a page that cannot fit the heap is a
     * clear error (raise -Xmx), never an OutOfMemoryError, and publishes nothing.
     */
    @Test
    void aParquetPageLargerThanTheHeapTakesIsAClearErrorNotAnOutOfMemoryError() throws Exception {
        Path file = dir.resolve("big/part-0.parquet");
        Files.createDirectories(file.getParent());
        try (DuckDb duck = new DuckDb()) {
            duck.exec("COPY (SELECT 'u' || (i % 1000) AS USER_ID, md5(CAST(i AS VARCHAR)) || md5('x' || i) AS ITEM_ID,"
                    + " 1700000000 AS TIMESTAMP FROM range(1000000) r(i)) TO " + DuckDb.lit(file)
                    + " (FORMAT PARQUET, COMPRESSION uncompressed, ROW_GROUP_SIZE 1000000)");
        }
        Path out = dir.resolve("big-out.csv");

        JarProcess.Outcome o = JarProcess.run(dir, List.of("-Xmx64m"), Map.of(),
                "--source", file.getParent().toString(), "--output", out.toString(), "--no-progress");

        assertThat(o.exitCode()).as(o.stderr()).isEqualTo(1);
        assertThat(o.stderr()).contains(file.toString()).contains("column ITEM_ID").contains("-Xmx")
                .doesNotContain("OutOfMemoryError");
        assertThat(out).doesNotExist();
    }

    /** Writes a lake part (all seven columns) and returns its uncompressed size. */
    private static long writePart(Path file, int part) throws IOException {
        Files.createDirectories(file.getParent());
        long size = 0;
        try (OutputStream os = new BufferedOutputStream(new GZIPOutputStream(Files.newOutputStream(file), 65536) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }, 1 << 16)) {
            byte[] header = "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE,SESSION_ID,EVENT_ID\r\n"
                    .getBytes(StandardCharsets.US_ASCII);
            os.write(header);
            size += header.length;
            StringBuilder sb = new StringBuilder(128);
            for (int i = 0; i < ROWS_PER_PART; i++) {
                sb.setLength(0);
                sb.append('u').append(i % 50_000).append(",i").append(part).append('-').append(i).append(',')
                        .append(1_700_000_000L + i).append(",click,,s").append(i % 977).append(",e").append(part)
                        .append('-').append(i).append("\r\n");
                byte[] b = sb.toString().getBytes(StandardCharsets.US_ASCII);
                os.write(b);
                size += b.length;
            }
        }
        return size;
    }

    private static long countLines(Path file) throws IOException {
        long n = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int r = in.read(buf); r > 0; r = in.read(buf)) {
                for (int i = 0; i < r; i++) {
                    if (buf[i] == '\n') {
                        n++;
                    }
                }
            }
        }
        return n;
    }
}
