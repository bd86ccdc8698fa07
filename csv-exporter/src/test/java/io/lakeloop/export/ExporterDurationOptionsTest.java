package io.lakeloop.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakeloop.config.Durations;
import io.lakeloop.event.RecordValues;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The exporter's duration options read 90s / 3h / 2d beside ISO-8601, through core's one parser. */
class ExporterDurationOptionsTest {

    private static final String DATASET = "arn:aws:personalize:us-east-1:123456789012:dataset/shop/INTERACTIONS";
    private static final String ROLE = "arn:aws:iam::123456789012:role/PersonalizeS3Read";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private ImportJobRequest importJob(String... durationArgs) {
        ExporterMain main = new ExporterMain(System.out, System.err, Map.of(), false);
        String[] base = {"--source", dir.toString(), "--output", "s3://downstream/o.csv",
                "--import-dataset-arn", DATASET, "--import-role-arn", ROLE};
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(base),
                java.util.Arrays.stream(durationArgs)).toArray(String[]::new);
        new CommandLine(main).parseArgs(all);
        return main.request().importJob();
    }

    private int run(String... args) {
        return ExporterMain.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), false);
    }

    @Test
    void defaultsAreThreeHoursAndThirtySeconds() {
        ImportJobRequest job = importJob();
        assertThat(job.timeout()).isEqualTo(Duration.ofHours(3));
        assertThat(job.pollInterval()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void unitsAndIso8601AreBothRead() {
        ImportJobRequest short1 = importJob("--import-timeout", "90m", "--import-poll-interval", "500ms");
        assertThat(short1.timeout()).isEqualTo(Duration.ofMinutes(90));
        assertThat(short1.pollInterval()).isEqualTo(Duration.ofMillis(500));
        ImportJobRequest iso = importJob("--import-timeout", "P1D", "--import-poll-interval", "PT1M");
        assertThat(iso.timeout()).isEqualTo(Duration.ofDays(1));
        assertThat(iso.pollInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(importJob("--import-timeout", "2d").timeout()).isEqualTo(Duration.ofDays(2));
    }

    @Test
    void aBadDurationIsAUsageErrorNamingTheOptionAndTheForms() {
        assertThat(run("--source", dir.toString(), "--output", "x.csv", "--import-poll-interval", "0s")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Invalid value for option '--import-poll-interval': "
                + "'0s' is zero; give a positive duration. A duration is " + Durations.FORMS + ".");
        assertThat(run("--source", dir.toString(), "--output", "x.csv", "--import-timeout", "3 hours")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Invalid value for option '--import-timeout': "
                + "'3 hours' is not a duration.");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void withJsonABadDurationOrAnyUsageErrorIsTheOneUsageObject() throws Exception {
        assertThat(run("--json", "--source", dir.toString(), "--output", "x.csv", "--import-timeout", "5x"))
                .isEqualTo(2);
        JsonNode o = RecordValues.JSON.readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(o.get("status").asText()).isEqualTo("USAGE");
        assertThat(o.get("exitCode").asInt()).isEqualTo(2);
        assertThat(o.get("error").asText()).isEqualTo("Invalid value for option '--import-timeout': '5x' has an "
                + "unknown unit 'x'. A duration is " + Durations.FORMS + ".");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();

        out.reset();
        assertThat(run("--source", dir.toString(), "--output", "x.csv", "--bogus", "--json")).isEqualTo(2);
        JsonNode unknown = RecordValues.JSON.readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(unknown.get("status").asText()).isEqualTo("USAGE");
        assertThat(unknown.get("error").asText()).contains("--bogus");
    }

    @Test
    void helpShowsTheShortDefaults() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--import-timeout=DURATION", "(default: 3h)",
                "(default: 30s)");
    }
}
