package io.lakeloop.export;

import static io.lakeloop.export.TestParts.T0;
import static io.lakeloop.export.TestParts.csv;
import static io.lakeloop.export.TestParts.expected;
import static io.lakeloop.export.TestParts.gzip;
import static io.lakeloop.export.TestParts.gzipMembers;
import static io.lakeloop.export.TestParts.jsonLines;
import static io.lakeloop.export.TestParts.parse;
import static io.lakeloop.export.TestParts.row;
import static io.lakeloop.export.TestParts.rows;
import static io.lakeloop.export.TestParts.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeloop.export.report.ValidationReport;
import io.lakeloop.lake.LakeColumn;
import io.lakeloop.lake.LakeRow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExporterLocalTest {

    @TempDir
    Path dir;

    private ExportResult export(Path source, Path output) throws ExportException {
        return Exporter.run(ExportRequest.builder().source(source.toString()).output(output.toString()).build());
    }

    /** For tests of rejections: mostly bad rows, which the default --max-rejected-ratio would refuse to publish. */
    private ExportResult exportAllowingRejections(Path source, Path output) throws ExportException {
        return Exporter.run(ExportRequest.builder().source(source.toString()).output(output.toString())
                .maxRejectedRatio(1).build());
    }

    @Test
    void concatenatesMixedGzipPlainAndJsonPartsInKeyOrderSkippingMarkers() throws Exception {
        Path src = dir.resolve("src");
        List<LakeRow> a = rows("a", 50, 7);
        List<LakeRow> b = rows("b", 40, 5);
        List<LakeRow> c = rows("c", 30, 3);
        List<LakeRow> d = rows("d", 20, 2);
        write(src, "dt=2024-01-01/part-0000.csv.gz", gzip(csv(a)));
        write(src, "dt=2024-01-01/part-0001.csv", csv(b));                  // plain, despite the folder of .gz
        write(src, "dt=2024-01-01/part-0002.json", gzip(jsonLines(c)));      // JSON lines, gzipped
        write(src, "dt=2024-01-01/part-0003.data", gzip(csv(d)));           // gzip told by bytes, not name
        write(src, "dt=2024-01-01/_SUCCESS", new byte[0]);
        write(src, "dt=2024-01-01/empty.csv.gz", new byte[0]);
        write(src, "dt=2024-01-01_$folder$", "x".getBytes(StandardCharsets.UTF_8));
        write(src, "dt=2024-01-01/.part-0000.csv.gz.crc", "crc".getBytes(StandardCharsets.UTF_8));
        Path out = dir.resolve("out/personalize_input.csv");

        ExportResult result = export(src, out);

        List<LakeRow> all = new ArrayList<>(a);
        all.addAll(b);
        all.addAll(c);
        all.addAll(d);
        assertThat(parse(out)).isEqualTo(expected(all, LakeColumn.PERSONALIZE_REQUIRED));
        assertThat(Files.readString(out)).startsWith("USER_ID,ITEM_ID,TIMESTAMP\r\n");
        ValidationReport r = result.report();
        assertThat(r.rowsIn()).isEqualTo(140);
        assertThat(r.rowsOut()).isEqualTo(140);
        assertThat(r.rowsRejected()).isZero();
        assertThat(r.partsListed()).isEqualTo(8);
        assertThat(r.partsRead()).isEqualTo(4);
        assertThat(r.partsSkipped()).isEqualTo(4);
        assertThat(r.distinctUsers()).isEqualTo(new ValidationReport.Count(7 + 5 + 3 + 2, true));
        assertThat(r.distinctItems().value()).isEqualTo(140);
        assertThat(r.timeRange().minEpochSeconds()).isEqualTo(T0);
        assertThat(r.timeRange().maxEpochSeconds()).isEqualTo(T0 + 49);
        assertThat(r.bytesOut()).isEqualTo(Files.size(out));
        assertThat(result.files()).containsExactly(out.toString());
        Path report = dir.resolve("out/personalize_input.csv.report.json");
        assertThat(ValidationReport.fromJson(Files.readString(report))).isEqualTo(r);
        try (Stream<Path> files = Files.list(out.getParent())) {
            assertThat(files).hasSize(2); // the CSV and its report: no temp file left
        }
    }

    @Test
    void readsEveryMemberOfAMultiMemberGzip() throws Exception {
        List<LakeRow> first = rows("m1", 1000, 10);
        List<LakeRow> second = rows("m2", 1000, 10);
        byte[] body = csv(second, LakeColumn.ALL, false);
        write(dir, "src/part.gz", gzipMembers(csv(first), body, new byte[0], "\r\n".getBytes(StandardCharsets.UTF_8)));
        Path out = dir.resolve("out.csv");

        ExportResult result = export(dir.resolve("src"), out);

        List<LakeRow> all = new ArrayList<>(first);
        all.addAll(second);
        assertThat(parse(out)).isEqualTo(expected(all, LakeColumn.PERSONALIZE_REQUIRED));
        assertThat(result.report().rowsOut()).isEqualTo(2000);
    }

    @Test
    void failsOnAHeaderMismatchNamingTheObjectAndPublishesNothing() throws IOException {
        write(dir, "src/part-0.csv", csv(rows("a", 5, 5)));
        write(dir, "src/part-1.csv", csv(rows("b", 5, 5), List.of(LakeColumn.ITEM_ID, LakeColumn.USER_ID,
                LakeColumn.TIMESTAMP, LakeColumn.EVENT_TYPE, LakeColumn.EVENT_ID), true));
        Path out = dir.resolve("out/x.csv");

        assertThatThrownBy(() -> export(dir.resolve("src"), out))
                .isInstanceOf(ExportException.class)
                .hasMessageContaining("header mismatch")
                .hasMessageContaining(dir.resolve("src/part-1.csv").toString())
                .hasMessageContaining(dir.resolve("src/part-0.csv").toString());
        try (Stream<Path> files = Files.list(out.getParent())) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void matchesHeaderNamesCaseInsensitively() throws Exception {
        write(dir, "src/p0.csv", "user_id,Item_Id,timestamp\r\nu1,i1,1700000000\r\n".getBytes(StandardCharsets.UTF_8));
        write(dir, "src/p1.csv", "USER_ID,ITEM_ID,TIMESTAMP\nu2,i2,1700000001\n".getBytes(StandardCharsets.UTF_8));
        Path out = dir.resolve("o.csv");

        export(dir.resolve("src"), out);

        assertThat(parse(out)).containsExactly(List.of("USER_ID", "ITEM_ID", "TIMESTAMP"),
                List.of("u1", "i1", "1700000000"), List.of("u2", "i2", "1700000001"));
    }

    @Test
    void hostileIdsSurviveForAStandardCsvParser() throws Exception {
        List<LakeRow> hostile = List.of(
                row("u\"quoted\"", "i,comma", T0),
                row("line\nbreak", "cr\r\nlf", T0 + 1),
                row("ünïcødé-用户-😀", "ítem €", T0 + 2),
                row(" padded ", "\"", T0 + 3),
                row("=cmd|' /C calc'!A0", "i5", T0 + 4));
        write(dir, "src/a.csv.gz", gzip(csv(hostile)));
        write(dir, "src/b.json", jsonLines(hostile));
        Path out = dir.resolve("o.csv");

        ExportResult result = export(dir.resolve("src"), out);

        List<LakeRow> twice = new ArrayList<>(hostile);
        twice.addAll(hostile);
        assertThat(parse(out)).isEqualTo(expected(twice, LakeColumn.PERSONALIZE_REQUIRED));
        assertThat(result.report().distinctUsers().value()).isEqualTo(5);
        assertThat(result.report().usersWithTwoOrMoreInteractions().value()).isEqualTo(5);
    }

    @Test
    void normalisesMillisecondAndIsoTimestampsToEpochSeconds() throws Exception {
        write(dir, "src/p.csv", ("USER_ID,ITEM_ID,TIMESTAMP\n"
                + "u1,i1,1700000000123\n"
                + "u2,i2,2023-11-14T22:13:20Z\n"
                + "u3,i3,\"1700000000.9\"\n"
                + "u4,i4,0001700000000\n").getBytes(StandardCharsets.UTF_8));
        write(dir, "src/q.json", ("{\"USER_ID\":\"u5\",\"ITEM_ID\":\"i5\",\"TIMESTAMP\":1700000000999,"
                + "\"EVENT_TYPE\":\"click\",\"EVENT_ID\":\"e5\"}\n"
                + "{\"user_id\":\"u6\",\"item_id\":\"i6\",\"timestamp\":\"2023-11-14T23:13:20+01:00\","
                + "\"event_type\":\"click\",\"event_id\":\"e6\"}\n").getBytes(StandardCharsets.UTF_8));
        Path out = dir.resolve("o.csv");

        export(dir.resolve("src"), out);

        assertThat(parse(out)).extracting(r -> r.get(2))
                .containsExactly("TIMESTAMP", "1700000000", "1700000000", "1700000000", "1700000000",
                        "1700000000", "1700000000");
    }

    @Test
    void rejectsBadRowsByReasonWithSamplesThatHoldNoValues() throws Exception {
        String secretUser = "user-secret-42";
        write(dir, "src/p.csv", ("USER_ID,ITEM_ID,TIMESTAMP\n"
                + secretUser + ",i1,1700000000\n"             // record 2: fine
                + ",i2,1700000000\n"                            // 3: empty user
                + secretUser + ",i3,yesterday\n"              // 4: unparseable timestamp
                + secretUser + ",i4\n"                        // 5: field count
                + secretUser + ",i\"5,1700000000\n"           // 6: bare quote
                + secretUser + ",i6,99999999999999\n"         // 7: in the future (ms in year 5138)
                + "\n"                                          // blank line: skipped, not a row
                + secretUser + "," + "x".repeat(257) + ",1700000000\n" // 9: id too long
                + secretUser + ",i7,1700000001\n").getBytes(StandardCharsets.UTF_8));
        write(dir, "src/q.json", ("{\"USER_ID\":\"" + secretUser + "\",\"ITEM_ID\":\"j1\"}\n"
                + "not json\n"
                + "[1,2]\n").getBytes(StandardCharsets.UTF_8));
        Path out = dir.resolve("o.csv");

        ExportResult result = exportAllowingRejections(dir.resolve("src"), out);

        ValidationReport r = result.report();
        assertThat(r.rowsOut()).isEqualTo(2);
        assertThat(r.rowsIn()).isEqualTo(11);
        assertThat(r.rowsRejected()).isEqualTo(9);
        assertThat(r.rejections()).containsOnlyKeys("EMPTY_FIELD", "TIMESTAMP_UNPARSEABLE", "FIELD_COUNT",
                "MALFORMED_CSV", "TIMESTAMP_IN_FUTURE", "FIELD_TOO_LONG", "MISSING_FIELD", "UNDECODABLE",
                "NOT_AN_OBJECT");
        String csvName = dir.resolve("src/p.csv").toString();
        assertThat(r.rejections().get("EMPTY_FIELD").samples()).containsExactly(
                new io.lakeloop.export.report.Rejections.Sample(csvName, 3));
        assertThat(r.rejections().get("FIELD_TOO_LONG").samples().get(0).row()).isEqualTo(9);
        assertThat(r.rejections().get("UNDECODABLE").samples().get(0).row()).isEqualTo(2);
        String reportJson = Files.readString(result.reportLocation().path());
        assertThat(reportJson).doesNotContain(secretUser).doesNotContain("yesterday");
        assertThat(result.report().summary()).doesNotContain(secretUser);
    }

    @Test
    void readsHeaderlessPartsInLakeSchemaOrder() throws Exception {
        List<LakeRow> rows = rows("h", 10, 2);
        write(dir, "src/p.csv.gz", gzip(csv(rows, LakeColumn.ALL, false)));
        write(dir, "src/q.csv.gz", gzip(csv(rows)));
        Path out = dir.resolve("o.csv");

        ExportResult result = export(dir.resolve("src"), out);

        List<LakeRow> twice = new ArrayList<>(rows);
        twice.addAll(rows);
        assertThat(parse(out)).isEqualTo(expected(twice, LakeColumn.PERSONALIZE_REQUIRED));
        assertThat(result.report().rowsOut()).isEqualTo(20);
    }

    @Test
    void writesExtraPersonalizeColumnsInTheRequestedOrder() throws Exception {
        List<LakeRow> rows = List.of(new LakeRow("u1", "i1", T0, "buy", 2.5, null, "e1"),
                new LakeRow("u2", "i2", T0, "view", null, "s", "e2"));
        write(dir, "src/p.csv", csv(rows));
        write(dir, "src/q.json", jsonLines(rows));
        Path out = dir.resolve("o.csv");
        List<LakeColumn> cols = List.of(LakeColumn.USER_ID, LakeColumn.ITEM_ID, LakeColumn.TIMESTAMP,
                LakeColumn.EVENT_TYPE, LakeColumn.EVENT_VALUE);

        Exporter.run(ExportRequest.builder().source(dir.resolve("src").toString()).output(out.toString())
                .columns(cols).build());

        List<LakeRow> twice = new ArrayList<>(rows);
        twice.addAll(rows);
        assertThat(parse(out)).isEqualTo(expected(twice, cols));
    }

    @Test
    void skipsARowLongerThanAnyLakeRowAndKeepsGoing() throws Exception {
        String longRow = "u1,\"" + "y".repeat(200_000) + "\",1700000000\n";
        write(dir, "src/p.csv", ("USER_ID,ITEM_ID,TIMESTAMP\nu0,i0,1700000000\n" + longRow + "u2,i2,1700000002\n")
                .getBytes(StandardCharsets.UTF_8));
        Path out = dir.resolve("o.csv");

        ExportResult result = exportAllowingRejections(dir.resolve("src"), out);

        assertThat(parse(out)).extracting(r -> r.get(0)).containsExactly("USER_ID", "u0", "u2");
        assertThat(result.report().rejections()).containsOnlyKeys("ROW_TOO_LONG");
    }

    @Test
    void aRerunIntoTheSourceFolderDoesNotReadItsOwnOutput() throws Exception {
        List<LakeRow> rows = rows("r", 20, 4);
        write(dir, "src/p.csv.gz", gzip(csv(rows)));
        Path out = dir.resolve("src/personalize_input.csv");

        export(dir.resolve("src"), out);
        ExportResult again = export(dir.resolve("src"), out);

        assertThat(parse(out)).isEqualTo(expected(rows, LakeColumn.PERSONALIZE_REQUIRED));
        assertThat(again.report().partsRead()).isEqualTo(1);
        assertThat(again.report().rowsRejected()).isZero();
    }

    @Test
    void failsWhenTheSourceHasNoDataParts() {
        write(dir, "src/_SUCCESS", new byte[0]);

        assertThatThrownBy(() -> export(dir.resolve("src"), dir.resolve("o.csv")))
                .isInstanceOf(ExportException.class).hasMessageContaining("no data parts");
        assertThat(dir.resolve("o.csv")).doesNotExist();
    }

    @Test
    void failsWhenAPartLacksARequiredColumn() {
        write(dir, "src/p.csv", "USER_ID,ITEM_ID,TIMESTAMP\nu,i,1700000000\n".getBytes(StandardCharsets.UTF_8));
        ExportRequest request = ExportRequest.builder().source(dir.resolve("src").toString())
                .output(dir.resolve("o.csv").toString())
                .columns(List.of(LakeColumn.USER_ID, LakeColumn.ITEM_ID, LakeColumn.TIMESTAMP, LakeColumn.EVENT_TYPE))
                .build();

        assertThatThrownBy(() -> Exporter.run(request)).isInstanceOf(ExportException.class)
                .hasMessageContaining(dir.resolve("src/p.csv").toString()).hasMessageContaining("EVENT_TYPE");
        assertThat(dir.resolve("o.csv")).doesNotExist();
    }
}
