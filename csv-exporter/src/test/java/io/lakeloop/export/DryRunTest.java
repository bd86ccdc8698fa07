package io.lakeloop.export;

import static io.lakeloop.export.TestParts.csv;
import static io.lakeloop.export.TestParts.gzip;
import static io.lakeloop.export.TestParts.jsonLines;
import static io.lakeloop.export.TestParts.rows;
import static io.lakeloop.export.TestParts.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakeloop.event.RecordValues;
import io.lakeloop.lake.LakeColumn;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15: {@code --dry-run} lists the parts, checks compression, format and headers, and writes nothing. */
class DryRunTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ExporterMain.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), false);
    }

    private List<String> files() throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void listsEveryPartWithItsCompressionFormatAndHeaderAndWritesNothing() throws Exception {
        write(dir, "src/p0.csv.gz", gzip(csv(rows("a", 10, 3))));
        write(dir, "src/p1.json", jsonLines(rows("b", 5, 2)));
        write(dir, "src/_SUCCESS", new byte[0]);
        List<String> before = files();

        int code = run("--source", dir.resolve("src").toString(), "--output", dir.resolve("o.csv").toString(),
                "--dry-run", "--no-progress");

        String stdout = out.toString(StandardCharsets.UTF_8);
        assertThat(code).isZero();
        assertThat(stdout).contains("part  " + dir.resolve("src/p0.csv.gz") + " (", "gzip, csv, columns "
                + LakeColumn.ALL.stream().map(Enum::name).toList() + ")");
        assertThat(stdout).contains("part  " + dir.resolve("src/p1.json") + " (", "none, json-lines)");
        assertThat(stdout).contains("skip  " + dir.resolve("src/_SUCCESS"));
        assertThat(stdout).contains("dry run: 2 parts would be read, nothing written");
        assertThat(files()).isEqualTo(before);
    }

    @Test
    void failsOnAHeaderMismatchAndStillWritesNothing() throws Exception {
        write(dir, "src/p0.csv", csv(rows("a", 3, 3)));
        write(dir, "src/p1.csv", "USER_ID,TIMESTAMP,ITEM_ID\nu,1,i\n".getBytes(StandardCharsets.UTF_8));
        write(dir, "src/p2.csv", "USER_ID,TIMESTAMP\nu,1\n".getBytes(StandardCharsets.UTF_8));
        List<String> before = files();

        int code = run("--source", dir.resolve("src").toString(), "--output", dir.resolve("o.csv").toString(),
                "--dry-run", "--json");

        assertThat(code).isEqualTo(ExporterMain.FAILED);
        JsonNode o = RecordValues.JSON.readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(o.get("status").asText()).isEqualTo("DRY_RUN_FAILED");
        List<String> problems = RecordValues.JSON.convertValue(o.get("plan").get("problems"),
                RecordValues.JSON.getTypeFactory().constructCollectionType(List.class, String.class));
        // p2's first row does not name the three required columns: it is read as a part without a header
        assertThat(problems).containsExactly("header mismatch: " + dir.resolve("src/p1.csv") + " has columns "
                + "[USER_ID, TIMESTAMP, ITEM_ID] but " + dir.resolve("src/p0.csv") + " has "
                + LakeColumn.ALL.stream().map(Enum::name).toList());
        assertThat(o.get("plan").get("parts")).hasSize(3);
        assertThat(files()).isEqualTo(before);
    }
}
