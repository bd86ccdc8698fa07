package io.lakeloop.export;

import static io.lakeloop.export.TestParts.gzip;
import static io.lakeloop.export.TestParts.parse;
import static io.lakeloop.export.TestParts.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.airlift.compress.zstd.ZstdCompressor;
import io.lakeloop.event.RecordValues;
import io.lakeloop.export.report.ValidationReport;
import io.lakeloop.export.rows.TextOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13: Athena/Hive text parts (no header, U+0001, \N, escapes) and Athena query results, told from the bytes. */
class TextPartsTest {

    private static final String A = "\u0001";

    @TempDir
    Path dir;

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] zstd(byte[]... frames) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] f : frames) {
            ZstdCompressor c = new ZstdCompressor();
            byte[] out = new byte[c.maxCompressedLength(f.length)];
            int n = c.compress(f, 0, f.length, out, 0, out.length);
            all.write(out, 0, n);
        }
        return all.toByteArray();
    }

    private ExportResult export(ExportRequest.Builder b) throws ExportException {
        return Exporter.run(b.source(dir.resolve("src").toString()).output(dir.resolve("out.csv").toString()).build());
    }

    @Test
    void readsHeaderlessHiveTextWithNullsGzipAndMultiFrameZstdByTheBytes() throws Exception {
        StringBuilder p0 = new StringBuilder();
        StringBuilder p1a = new StringBuilder();
        StringBuilder p1b = new StringBuilder();
        List<List<String>> want = new ArrayList<>();
        want.add(List.of("USER_ID", "ITEM_ID", "TIMESTAMP"));
        for (int i = 0; i < 300; i++) {
            String user = i == 7 ? "\\N" : "u" + i;
            String row = user + A + "i,tem" + i + A + (1_700_000_000 + i) + "\n"; // a comma: quoted in the output
            (i < 100 ? p0 : i < 200 ? p1a : p1b).append(row);
            if (i != 7) {
                want.add(List.of("u" + i, "i,tem" + i, String.valueOf(1_700_000_000 + i)));
            }
        }
        write(dir, "src/dt=2024-01-01/000000_0", gzip(utf8(p0.toString())));      // no extension: the bytes tell
        write(dir, "src/dt=2024-01-01/000001_0.txt", zstd(utf8(p1a.toString()), utf8(p1b.toString())));

        ExportResult r = export(ExportRequest.builder());

        assertThat(parse(dir.resolve("out.csv"))).isEqualTo(want);
        assertThat(r.report().rowsIn()).isEqualTo(300);
        assertThat(r.report().rejections()).containsOnlyKeys("MISSING_FIELD");
        assertThat(r.report().rejections().get("MISSING_FIELD").samples().get(0).row()).isEqualTo(8);
    }

    @Test
    void escapedDelimitersAndTheTablesColumnListGiveTheRightCells() throws Exception {
        // Hive ESCAPED BY '\\': an escaped delimiter, an escaped escape; the table's column order is not the lake's
        String rows = "e1" + A + "i\\" + A + "1" + A + "click" + A + "1700000001" + A + "u\\\\1\n"
                + "e2" + A + "i2" + A + "view" + A + "1700000002" + A + "u2\r\n"
                + "e3" + A + "i\"3" + A + "\\N" + A + "1700000003" + A + "u3\n";
        write(dir, "src/part-0", utf8(rows));

        ExportResult r = export(ExportRequest.builder().text(new TextOptions(1, '\\',
                List.of("event_id", "item_id", "event_type", "timestamp", "user_id"))));

        assertThat(parse(dir.resolve("out.csv"))).containsExactly(List.of("USER_ID", "ITEM_ID", "TIMESTAMP"),
                List.of("u\\1", "i" + A + "1", "1700000001"), List.of("u2", "i2", "1700000002"),
                List.of("u3", "i\"3", "1700000003"));
        assertThat(r.report().rowsRejected()).isZero();
    }

    @Test
    void aNullEventTypeRejectsItsRowWhenWrittenAndAnEmptyOptionalCellStaysEmpty() throws Exception {
        write(dir, "src/p", utf8("u1\ti1\t1700000001\t\\N\n" + "u2\ti2\t1700000002\tclick\n"));

        ExportResult r = export(ExportRequest.builder().columns(List.of(io.lakeloop.lake.LakeColumn.USER_ID,
                        io.lakeloop.lake.LakeColumn.ITEM_ID, io.lakeloop.lake.LakeColumn.TIMESTAMP,
                        io.lakeloop.lake.LakeColumn.EVENT_TYPE))
                .text(new TextOptions(-1, -1, List.of("USER_ID", "ITEM_ID", "TIMESTAMP", "EVENT_TYPE")))
                .maxRejectedRatio(1));

        assertThat(parse(dir.resolve("out.csv"))).containsExactly(
                List.of("USER_ID", "ITEM_ID", "TIMESTAMP", "EVENT_TYPE"), List.of("u2", "i2", "1700000002", "click"));
        assertThat(r.report().rejections()).containsOnlyKeys("MISSING_FIELD");
    }

    @Test
    void readsAthenaQueryResultsWithAHeaderAndEveryFieldQuoted() throws Exception {
        write(dir, "src/results.csv", utf8("\"user_id\",\"item_id\",\"timestamp\"\n"
                + "\"u1\",\"i1\",\"1700000001\"\n" + "\"u,2\",\"i\"\"2\",\"2024-01-01 00:00:00.000 UTC\"\n"));

        export(ExportRequest.builder());

        assertThat(parse(dir.resolve("out.csv"))).containsExactly(List.of("USER_ID", "ITEM_ID", "TIMESTAMP"),
                List.of("u1", "i1", "1700000001"), List.of("u,2", "i\"2", "1704067200"));
    }

    @Test
    void mixedFormatsFailNamingTwoObjectsAndPublishNothing() throws Exception {
        write(dir, "src/a.csv", utf8("USER_ID,ITEM_ID,TIMESTAMP\nu1,i1,1700000001\n"));
        write(dir, "src/b", utf8("u2" + A + "i2" + A + "1700000002\n"));
        Path out = write(dir, "out.csv", utf8("USER_ID,ITEM_ID,TIMESTAMP\r\nold,run,1\r\n"));

        assertThatThrownBy(() -> export(ExportRequest.builder())).isInstanceOf(ExportException.class)
                .hasMessageContaining("mixed formats").hasMessageContaining(dir.resolve("src/a.csv").toString())
                .hasMessageContaining(dir.resolve("src/b").toString()).hasMessageContaining("text(\\u0001)");
        assertThat(Files.readString(out)).isEqualTo("USER_ID,ITEM_ID,TIMESTAMP\r\nold,run,1\r\n");
    }

    @Test
    void aWrongDelimiterPublishesNothing() throws Exception {
        write(dir, "src/p", utf8("u1" + A + "i1" + A + "1700000001\n".repeat(1)));
        Path out = write(dir, "out.csv", utf8("USER_ID,ITEM_ID,TIMESTAMP\r\nold,run,1\r\n"));

        assertThatThrownBy(() -> export(ExportRequest.builder().text(new TextOptions('|', -1, List.of()))))
                .isInstanceOf(ExportException.class).hasMessageContaining("FIELD_COUNT");
        assertThat(Files.readString(out)).isEqualTo("USER_ID,ITEM_ID,TIMESTAMP\r\nold,run,1\r\n");
    }

    @Test
    void aCompressionItCannotReadIsNamedNotReadAsText() throws Exception {
        write(dir, "src/p.bz2", new byte[] {'B', 'Z', 'h', '9', 0x31, 0x41, 0x59, 0x26, 0x53, 0x59, 0, 0});

        assertThatThrownBy(() -> export(ExportRequest.builder())).isInstanceOf(ExportException.class)
                .hasMessageContaining(dir.resolve("src/p.bz2").toString()).hasMessageContaining("bzip2");
    }

    @Test
    void parsesDelimitersAsUsersTypeThem() {
        for (String form : List.of("\u0001", "\\u0001", "\\\\u0001", "^A", "\\001", "\\x01", "0x01", "\\1")) {
            assertThat(TextOptions.parseChar(form, "--delimiter")).as(form).isEqualTo(1);
        }
        assertThat(TextOptions.parseChar("tab", "--delimiter")).isEqualTo('\t');
        assertThat(TextOptions.parseChar("\\t", "--delimiter")).isEqualTo('\t');
        assertThat(TextOptions.parseChar("|", "--delimiter")).isEqualTo('|');
        for (String bad : List.of("", "ab", "\\u00e9", "é", "^a")) {
            assertThatThrownBy(() -> TextOptions.parseChar(bad, "--delimiter")).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--delimiter");
        }
    }

    @Test
    void theCommandLineTakesDelimiterEscapeAndInputColumnsAndDryRunShowsTheFormat() throws Exception {
        write(dir, "src/p.zst", zstd(utf8("x" + A + "u1" + A + "i1" + A + "1700000001\n")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] common = {"--source", dir.resolve("src").toString(), "--output", dir.resolve("out.csv").toString(),
            "--delimiter", "^A", "--escape", "\\\\", "--input-columns", "other,USER_ID,item_id,Timestamp", "--json"};

        int dry = ExporterMain.execute(concat(common, "--dry-run"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), false);
        JsonNode plan = RecordValues.JSON.readTree(out.toString(StandardCharsets.UTF_8)).get("plan");
        assertThat(dry).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(plan.get("parts").get(0).get("compression").asText()).isEqualTo("zstd");
        assertThat(plan.get("parts").get(0).get("format").asText()).isEqualTo("text(\\u0001)");
        assertThat(dir.resolve("out.csv")).doesNotExist();

        out.reset();
        int code = ExporterMain.execute(common, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), false);
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(parse(dir.resolve("out.csv"))).containsExactly(List.of("USER_ID", "ITEM_ID", "TIMESTAMP"),
                List.of("u1", "i1", "1700000001"));
        ValidationReport report = ValidationReport.fromJson(Files.readString(dir.resolve("out.csv.report.json")));
        assertThat(report.rowsOut()).isEqualTo(1);

        int usage = ExporterMain.execute(new String[] {"--source", "x", "--output", "y.csv", "--delimiter", "ab"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of(), false);
        assertThat(usage).isEqualTo(ExporterMain.USAGE);
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
