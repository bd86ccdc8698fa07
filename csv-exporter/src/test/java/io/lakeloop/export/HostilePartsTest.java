package io.lakeloop.export;

import static io.lakeloop.export.TestParts.csv;
import static io.lakeloop.export.TestParts.expected;
import static io.lakeloop.export.TestParts.gzip;
import static io.lakeloop.export.TestParts.parse;
import static io.lakeloop.export.TestParts.rows;
import static io.lakeloop.export.TestParts.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeloop.export.report.Rejections;
import io.lakeloop.export.report.ValidationReport;
import io.lakeloop.lake.LakeColumn;
import io.lakeloop.lake.LakeRow;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile corpus over files (issue 11): lake parts holding the hostile values of testkit's record corpus —
 * invalid UTF-8, a BOM, NUL, huge fields, lone surrogates, far-future and pre-epoch timestamps, CRLF, an
 * unterminated quote, JSON nested 5,000 deep and a 2,000-digit number — and broken parts (zero bytes, truncated
 * gzip, binary). Each row's outcome is asserted exactly: exported, or rejected with its reason at its record
 * number; the counts reconcile.
 */
class HostilePartsTest {

    /** The lake columns a JSON-lines row carries besides the three written. */
    private static final String REST = ",\"EVENT_TYPE\":\"click\",\"SESSION_ID\":\"s\",\"EVENT_ID\":\"e\"";

    @TempDir
    Path dir;

    private static byte[] bytes(Object... pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : pieces) {
            byte[] b = p instanceof byte[] a ? a : p.toString().getBytes(StandardCharsets.UTF_8);
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    private static byte[] b(int... v) {
        byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (byte) v[i];
        }
        return out;
    }

    @Test
    void everyHostileRowIsExportedOrRejectedWithItsReasonAndTheCountsReconcile() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src"));
        List<LakeRow> control = rows("ok", 20, 4);
        write(src, "p00-control.csv.gz", gzip(csv(control, LakeColumn.PERSONALIZE_REQUIRED, true)));
        write(src, "p01-bom-crlf.csv", bytes(b(0xEF, 0xBB, 0xBF), "USER_ID,ITEM_ID,TIMESTAMP\r\n",
                "bom-u,bom-i,1700000001\r\n", "bom-u2,bom-i2,1700000002\r\n"));
        write(src, "p02-hostile.csv", bytes("USER_ID,ITEM_ID,TIMESTAMP\n",
                "u", b(0xC3, 0x28), ",i2,1700000000\n",                       // 2 invalid UTF-8
                "u3,i", b(0xED, 0xA0, 0x80), ",1700000000\n",                 // 3 a lone surrogate's bytes
                "u", b(0), "4,i4,1700000000\n",                               // 4 NUL
                "u".repeat(300), ",i5,1700000000\n",                          // 5 300 characters
                "u6,", "i".repeat(100_000), ",1700000000\n",                  // 6 a 100 KB row
                "u7,i7,7258118400\n",                                         // 7 year 2200
                "u8,i8,-86400\n",                                             // 8 before the epoch
                "\"q,9\",\"i\"\"9\",1700000009\n",                            // 9 quoted, exported
                "u10,\"i10,1700000000\n"));                                   // 10 unterminated quote
        String deep = "{\"a\":".repeat(5000) + "1" + "}".repeat(5000);
        write(src, "p03-hostile.jsonl", bytes(
                deep, "\n",                                                                       // 1
                "{\"USER_ID\":\"j2\",\"ITEM_ID\":\"i\",\"TIMESTAMP\":", "9".repeat(2000), "}\n",    // 2
                "{\"USER_ID\":\"j3\",\"ITEM_ID\":\"\\ud800\",\"TIMESTAMP\":1700000000" + REST + "}\n", // 3
                "{\"USER_ID\":\"j\\u00004\",\"ITEM_ID\":\"i\",\"TIMESTAMP\":1700000000" + REST + "}\n", // 4
                "{\"USER_ID\":\"j", b(0), "5\",\"ITEM_ID\":\"i\",\"TIMESTAMP\":1700000000" + REST + "}\n", // 5
                "{\"USER_ID\":\"j6\",\"ITEM_ID\":\"i6\",\"TIMESTAMP\":1700000006" + REST + "}\n", // 6
                "[1,2]\n"));                                                                      // 7
        write(src, "p04-empty.csv.gz", new byte[0]);
        write(src, "p05-header-only.csv", bytes("USER_ID,ITEM_ID,TIMESTAMP\r\n"));
        Path out = dir.resolve("out.csv");

        ExportResult result = Exporter.run(ExportRequest.builder().source(src.toString()).output(out.toString())
                .maxRejectedRatio(1).build());

        List<List<String>> want = new ArrayList<>(expected(control, LakeColumn.PERSONALIZE_REQUIRED));
        want.add(List.of("bom-u", "bom-i", "1700000001"));
        want.add(List.of("bom-u2", "bom-i2", "1700000002"));
        want.add(List.of("q,9", "i\"9", "1700000009"));
        want.add(List.of("j6", "i6", "1700000006"));
        assertThat(parse(out)).isEqualTo(want);

        String csvPart = src.resolve("p02-hostile.csv").toString();
        String jsonPart = src.resolve("p03-hostile.jsonl").toString();
        Map<String, List<String>> where = new TreeMap<>();
        result.report().rejections().forEach((reason, e) -> {
            assertThat(e.samples()).hasSize((int) e.count());
            where.put(reason, e.samples().stream().map(s -> s.object().substring(src.toString().length() + 1)
                    + "#" + s.row()).toList());
        });
        assertThat(where).isEqualTo(new TreeMap<>(Map.of(
                "INVALID_UTF8", List.of("p02-hostile.csv#2", "p02-hostile.csv#3", "p03-hostile.jsonl#3"),
                "NUL_CHARACTER", List.of("p02-hostile.csv#4", "p03-hostile.jsonl#4"),
                "FIELD_TOO_LONG", List.of("p02-hostile.csv#5"),
                "ROW_TOO_LONG", List.of("p02-hostile.csv#6"),
                "TIMESTAMP_IN_FUTURE", List.of("p02-hostile.csv#7"),
                "TIMESTAMP_NEGATIVE", List.of("p02-hostile.csv#8"),
                "MALFORMED_CSV", List.of("p02-hostile.csv#10"),
                "UNDECODABLE", List.of("p03-hostile.jsonl#1", "p03-hostile.jsonl#2", "p03-hostile.jsonl#5"),
                "NOT_AN_OBJECT", List.of("p03-hostile.jsonl#7"))));
        List<Rejections.Sample> undecodable = result.report().rejections().get("UNDECODABLE").samples();
        assertThat(undecodable.get(0).detail()).startsWith("exceeds a JSON read limit").contains("nesting depth");
        assertThat(undecodable.get(1).detail()).startsWith("exceeds a JSON read limit").contains("Number value length");
        assertThat(undecodable.get(2).detail()).startsWith("is not valid JSON");

        ValidationReport r = result.report();
        assertThat(r.partsListed()).isEqualTo(6);
        assertThat(r.partsRead()).isEqualTo(5);
        assertThat(r.partsSkipped()).isEqualTo(1);
        assertThat(r.rowsOut()).isEqualTo(24);
        assertThat(r.rowsRejected()).isEqualTo(14);
        assertThat(r.rowsIn()).isEqualTo(38);
        assertThat(r.rowsIn()).isEqualTo(r.rowsOut() + r.rowsRejected() + r.duplicatesDropped());
        assertThat(Files.readString(dir.resolve("out.csv.report.json"))).doesNotContain("bom-u", "j6", "u7");
    }

    @Test
    void aTruncatedGzipPartFailsTheExportNamingItAndLeavesTheOldOutput() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src"));
        write(src, "p0.csv.gz", gzip(csv(rows("a", 1000, 10))));
        byte[] whole = gzip(csv(rows("b", 5000, 10)));
        write(src, "p1.csv.gz", Arrays.copyOf(whole, whole.length / 2));
        Path out = write(dir, "out.csv", "USER_ID,ITEM_ID,TIMESTAMP\r\nold,run,1\r\n".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> Exporter.run(ExportRequest.builder().source(src.toString()).output(out.toString())
                .build())).isInstanceOf(ExportException.class).hasMessageContaining(src.resolve("p1.csv.gz").toString());

        assertThat(Files.readString(out)).isEqualTo("USER_ID,ITEM_ID,TIMESTAMP\r\nold,run,1\r\n");
        assertThat(dir.resolve("out.csv.report.json")).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("src", "out.csv");
        }
    }

    /** Issue 13: a binary part read as text rejects nearly all its "rows": the export fails, publishing nothing. */
    @Test
    void aBinaryPartFailsTheExportByTheRejectedRatioAndNothingIsPublished() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src"));
        write(src, "p0.csv", csv(rows("a", 100, 10)));
        byte[] noise = new byte[200_000];
        new Random(42).nextBytes(noise);
        write(src, "p1.bin", noise);
        Path out = write(dir, "out.csv", "USER_ID,ITEM_ID,TIMESTAMP\r\nold,run,1\r\n".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> Exporter.run(ExportRequest.builder().source(src.toString()).output(out.toString())
                .build())).isInstanceOf(ExportException.class).hasMessageContaining("rows rejected")
                .hasMessageContaining("--max-rejected-ratio").hasMessageContaining("nothing is published");

        assertThat(Files.readString(out)).isEqualTo("USER_ID,ITEM_ID,TIMESTAMP\r\nold,run,1\r\n");
    }

    /** Issue 13: a table whose parts hold only a header never replaces a good output with an empty one. */
    @Test
    void anExportWithNoRowLeftPublishesNothingUnlessAllowed() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src"));
        write(src, "p0.csv", "USER_ID,ITEM_ID,TIMESTAMP\n".getBytes(StandardCharsets.UTF_8));
        Path out = write(dir, "out.csv", "USER_ID,ITEM_ID,TIMESTAMP\r\nold,run,1\r\n".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> Exporter.run(ExportRequest.builder().source(src.toString()).output(out.toString())
                .build())).isInstanceOf(ExportException.class).hasMessageContaining("no row to export");
        assertThat(Files.readString(out)).isEqualTo("USER_ID,ITEM_ID,TIMESTAMP\r\nold,run,1\r\n");

        Exporter.run(ExportRequest.builder().source(src.toString()).output(out.toString()).maxRejectedRatio(1).build());
        assertThat(Files.readString(out)).isEqualTo("USER_ID,ITEM_ID,TIMESTAMP\r\n");
    }
}
