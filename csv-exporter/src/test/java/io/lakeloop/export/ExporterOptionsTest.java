package io.lakeloop.export;

import static io.lakeloop.export.TestParts.T0;
import static io.lakeloop.export.TestParts.csv;
import static io.lakeloop.export.TestParts.expected;
import static io.lakeloop.export.TestParts.gzip;
import static io.lakeloop.export.TestParts.jsonLines;
import static io.lakeloop.export.TestParts.parse;
import static io.lakeloop.export.TestParts.row;
import static io.lakeloop.export.TestParts.rows;
import static io.lakeloop.export.TestParts.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakeloop.export.report.ValidationReport;
import io.lakeloop.export.rows.Dedupe;
import io.lakeloop.lake.LakeColumn;
import io.lakeloop.lake.LakeRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExporterOptionsTest {

    @TempDir
    Path dir;

    @Test
    void personalizeMinimumsHoldAtExactlyTheThresholds() throws Exception {
        // 1,000 interactions, 25 users with two each, the rest single-interaction users
        List<LakeRow> rows = new ArrayList<>();
        for (int u = 0; u < 25; u++) {
            rows.add(row("pair" + u, "a", T0));
            rows.add(row("pair" + u, "b", T0));
        }
        for (int u = 0; u < 950; u++) {
            rows.add(row("single" + u, "c", T0));
        }
        write(dir, "ok/p.csv.gz", gzip(csv(rows)));
        ValidationReport ok = Exporter.run(ExportRequest.builder().source(dir.resolve("ok").toString())
                .output(dir.resolve("ok.csv").toString()).build()).report();
        assertThat(ok.personalize().ok()).isTrue();
        assertThat(ok.personalize().minInteractions()).isEqualTo(new ValidationReport.Check(1000, 1000, true));
        assertThat(ok.personalize().minUsersWithTwoInteractions()).isEqualTo(new ValidationReport.Check(25, 25, true));
        assertThat(ok.personalize().maxImportBytes().ok()).isTrue();

        write(dir, "few/p.csv.gz", gzip(csv(rows.subList(1, 1000)))); // 999 rows, 24 users with two
        ValidationReport few = Exporter.run(ExportRequest.builder().source(dir.resolve("few").toString())
                .output(dir.resolve("few.csv").toString()).build()).report();
        assertThat(few.personalize().ok()).isFalse();
        assertThat(few.personalize().minInteractions()).isEqualTo(new ValidationReport.Check(1000, 999, false));
        assertThat(few.personalize().minUsersWithTwoInteractions()).isEqualTo(new ValidationReport.Check(25, 24, false));
    }

    @Test
    void dropsRepeatedEventIdsAcrossPartsKeepingTheFirst() throws Exception {
        List<LakeRow> rows = rows("d", 3000, 40);
        write(dir, "src/p0.csv.gz", gzip(csv(rows.subList(0, 2000))));
        write(dir, "src/p1.csv.gz", gzip(csv(rows.subList(1000, 3000)))); // redelivers 1000..1999
        write(dir, "src/p2.json", jsonLines(rows.subList(2500, 3000)));    // and again, as JSON
        Path out = dir.resolve("o.csv");

        ValidationReport r = Exporter.run(ExportRequest.builder().source(dir.resolve("src").toString())
                .output(out.toString()).dedupe(Dedupe.EVENT_ID).dedupeHeapKeys(100).spillDir(dir).build()).report();

        assertThat(parse(out)).isEqualTo(expected(rows, LakeColumn.PERSONALIZE_REQUIRED));
        assertThat(r.rowsIn()).isEqualTo(4500);
        assertThat(r.rowsOut()).isEqualTo(3000);
        assertThat(r.duplicatesDropped()).isEqualTo(1500);
        assertThat(r.dedupe()).isEqualTo("EVENT_ID");
    }

    @Test
    void dropsIdenticalOutputRowsOnlyWhenAskedTo() throws Exception {
        List<LakeRow> rows = List.of(row("u1", "i1", T0), row("u1", "i1", T0), row("u1", "i2", T0),
                new LakeRow("u1", "i1", T0, "view", null, null, "other-event"));
        write(dir, "src/p.csv", csv(rows));

        Exporter.run(ExportRequest.builder().source(dir.resolve("src").toString())
                .output(dir.resolve("all.csv").toString()).build());
        Exporter.run(ExportRequest.builder().source(dir.resolve("src").toString())
                .output(dir.resolve("dedup.csv").toString()).dedupe(Dedupe.ROWS).build());

        assertThat(parse(dir.resolve("all.csv"))).hasSize(5);
        assertThat(parse(dir.resolve("dedup.csv"))).isEqualTo(List.of(List.of("USER_ID", "ITEM_ID", "TIMESTAMP"),
                List.of("u1", "i1", String.valueOf(T0)), List.of("u1", "i2", String.valueOf(T0))));
    }

    @Test
    void folderModeWritesBoundedFilesEachWithTheHeaderAndNoRowSplit() throws Exception {
        List<LakeRow> rows = rows("f", 20_000, 100);
        write(dir, "src/p0.csv.gz", gzip(csv(rows.subList(0, 12_000))));
        write(dir, "src/p1.csv.gz", gzip(csv(rows.subList(12_000, 20_000))));
        Path out = dir.resolve("folder");
        long max = 100_000;

        ExportResult result = Exporter.run(ExportRequest.builder().source(dir.resolve("src").toString())
                .output(out.toString()).folder(max).build());

        List<List<String>> all = new ArrayList<>();
        all.add(List.of("USER_ID", "ITEM_ID", "TIMESTAMP"));
        try (Stream<Path> files = Files.list(out)) {
            List<Path> sorted = files.sorted().toList();
            assertThat(sorted).hasSizeGreaterThan(3);
            assertThat(sorted.stream().map(Path::toString).toList()).isEqualTo(result.files());
            for (Path f : sorted) {
                assertThat(Files.size(f)).isLessThanOrEqualTo(max);
                List<List<String>> records = parse(f);
                assertThat(records.get(0)).isEqualTo(all.get(0));
                all.addAll(records.subList(1, records.size()));
            }
        }
        assertThat(all).isEqualTo(expected(rows, LakeColumn.PERSONALIZE_REQUIRED));
        assertThat(result.reportLocation().path()).isEqualTo(dir.resolve("folder.report.json"));
        assertThat(result.report().rowsOut()).isEqualTo(20_000);
    }

    @Test
    void outputOrderIsTheKeyOrderWhateverTheParallelism() throws Exception {
        List<LakeRow> expectedRows = new ArrayList<>();
        for (int p = 0; p < 40; p++) {
            List<LakeRow> part = rows("p" + p + "-", 500 + p * 37, 9);
            expectedRows.addAll(part);
            write(dir, String.format("src/part-%04d.csv.gz", p), gzip(csv(part)));
        }
        for (int threads : new int[] {1, 4}) {
            Path out = dir.resolve("o" + threads + ".csv");
            Exporter.run(ExportRequest.builder().source(dir.resolve("src").toString()).output(out.toString())
                    .threads(threads).window(threads * 3).build());
            assertThat(parse(out)).isEqualTo(expected(expectedRows, LakeColumn.PERSONALIZE_REQUIRED));
        }
        assertThat(new LinkedHashSet<>(expectedRows)).hasSameSizeAs(expectedRows);
    }
}
