package io.lakeloop.export;

import static io.lakeloop.export.TestParts.csv;
import static io.lakeloop.export.TestParts.gzip;
import static io.lakeloop.export.TestParts.rows;
import static io.lakeloop.export.TestParts.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakeloop.event.RecordValues;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExporterMainTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ExporterMain.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), false);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsTheFlagsAndExitCodes() {
        assertThat(run("--help")).isZero();
        assertThat(stdout()).contains("--source", "--output", "--strict", "--json", "--folder", "--dedupe",
                "--import-dataset-arn", "Exit codes:", "2   usage error");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run("--source", dir.toString())).isEqualTo(2); // no --output
        assertThat(stderr()).contains("--output");
        assertThat(run("--source", dir.toString(), "--output", "x.csv", "--dedupe", "maybe")).isEqualTo(2);
        assertThat(stderr()).contains("--dedupe 'maybe'");
        assertThat(run("--output", "x.csv")).isEqualTo(2);
        assertThat(run("--source", dir.toString(), "--output", "x.csv", "--columns", "USER_ID,NOPE")).isEqualTo(2);
        assertThat(run("--source", dir.toString(), "--output", "x.csv", "--bogus")).isEqualTo(2);
    }

    @Test
    void exportsWithTheTwoFlagsAndPrintsTheSummary() {
        write(dir, "src/p.csv.gz", gzip(csv(rows("c", 10, 3))));
        Path output = dir.resolve("o.csv");

        assertThat(run("--source", dir.resolve("src").toString(), "--output", output.toString())).isZero();

        assertThat(stdout()).contains("exported 10 rows of 10", "NOT ready", "report: " + output + ".report.json");
        assertThat(output).exists();
        assertThat(Path.of(output + ".report.json")).exists();
        assertThat(stderr()).contains("progress: 100%"); // plain progress lines when not on a terminal
    }

    @Test
    void jsonPrintsOneObjectAndStrictFailsWhenMinimumsDoNotHold() throws Exception {
        write(dir, "src/p.csv.gz", gzip(csv(rows("c", 10, 3))));
        Path output = dir.resolve("o.csv");

        int code = run("--source", dir.resolve("src").toString(), "--output", output.toString(), "--json",
                "--strict", "--no-progress");

        assertThat(code).isEqualTo(1);
        JsonNode json = RecordValues.JSON.readTree(stdout());
        assertThat(json.get("status").asText()).isEqualTo("NOT_READY");
        assertThat(json.get("exitCode").asInt()).isEqualTo(1);
        assertThat(json.get("report").get("rowsOut").asLong()).isEqualTo(10);
        assertThat(json.get("reportLocation").asText()).isEqualTo(output + ".report.json");
        assertThat(stderr()).isEmpty();
    }

    @Test
    void strictPassesWhenMinimumsHold() {
        write(dir, "src/p.csv.gz", gzip(csv(rows("c", 1000, 25))));

        assertThat(run("--source", dir.resolve("src").toString(), "--output", dir.resolve("o.csv").toString(),
                "--strict", "--no-progress")).isZero();
        assertThat(stdout()).contains("ready to import");
    }

    @Test
    void aFailedExportExitsOneWithTheReason() throws Exception {
        write(dir, "src/a.csv", "USER_ID,ITEM_ID,TIMESTAMP\nu,i,1\n".getBytes(StandardCharsets.UTF_8));
        write(dir, "src/b.csv", "USER_ID,TIMESTAMP,ITEM_ID\nu,1,i\n".getBytes(StandardCharsets.UTF_8));

        assertThat(run("--source", dir.resolve("src").toString(), "--output", dir.resolve("o.csv").toString(),
                "--json")).isEqualTo(1);

        JsonNode json = RecordValues.JSON.readTree(stdout());
        assertThat(json.get("status").asText()).isEqualTo("FAILED");
        assertThat(json.get("error").asText()).contains("header mismatch", "b.csv");
        assertThat(dir.resolve("o.csv")).doesNotExist();
    }

    @Test
    void parsesSizes() {
        assertThat(OptionValues.parseSize("512m")).isEqualTo(512L << 20);
        assertThat(OptionValues.parseSize("1G")).isEqualTo(1L << 30);
        assertThat(OptionValues.parseSize("1000")).isEqualTo(1000);
    }
}
