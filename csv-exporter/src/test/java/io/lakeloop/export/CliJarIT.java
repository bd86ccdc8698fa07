package io.lakeloop.export;

import static io.lakeloop.export.TestParts.csv;
import static io.lakeloop.export.TestParts.expected;
import static io.lakeloop.export.TestParts.gzip;
import static io.lakeloop.export.TestParts.parse;
import static io.lakeloop.export.TestParts.rows;
import static io.lakeloop.export.TestParts.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakeloop.event.RecordValues;
import io.lakeloop.export.report.ValidationReport;
import io.lakeloop.lake.LakeColumn;
import io.lakeloop.lake.LakeRow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import io.lakeloop.testkit.S3ProxyExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/** The shaded jar as a process: the interface outside checks rely on. */
class CliJarIT {

    @RegisterExtension
    static final S3ProxyExtension S3 = S3ProxyExtension.create();

    @TempDir
    Path dir;

    @Test
    void helpExitsZeroAndDocumentsExitCodes() throws Exception {
        JarProcess.Outcome o = JarProcess.run(dir, List.of(), Map.of(), "--help");
        assertThat(o.exitCode()).isZero();
        assertThat(o.stdout()).contains("--source", "--output", "Exit codes:");
    }

    @Test
    void usageErrorExitsTwo() throws Exception {
        JarProcess.Outcome o = JarProcess.run(dir, List.of(), Map.of(), "--source", "x");
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.stderr()).contains("--output");
    }

    @Test
    void twoFlagsExportALocalFolder() throws Exception {
        List<LakeRow> rows = rows("l", 1200, 30);
        write(dir, "src/part-0.csv.gz", gzip(csv(rows.subList(0, 700))));
        write(dir, "src/part-1.csv.gz", gzip(csv(rows.subList(700, 1200))));
        write(dir, "src/_SUCCESS", new byte[0]);
        Path out = dir.resolve("out/personalize_input.csv");

        JarProcess.Outcome o = JarProcess.run(dir, List.of(), Map.of(),
                "--source", dir.resolve("src").toString(), "--output", out.toString());

        assertThat(o.exitCode()).as(o.stderr()).isZero();
        assertThat(parse(out)).isEqualTo(expected(rows, LakeColumn.PERSONALIZE_REQUIRED));
        ValidationReport report = ValidationReport.fromJson(Files.readString(Path.of(out + ".report.json")));
        assertThat(report.rowsOut()).isEqualTo(1200);
        assertThat(report.personalize().ok()).isTrue();
    }

    @Test
    void twoFlagsExportFromS3WithTheUsualAwsEnvironment() throws Exception {
        List<LakeRow> rows = rows("s", 500, 20);
        S3.client().putObject(b -> b.bucket("lake").key("t/dt=2024-01-01/part-0.csv.gz"),
                RequestBody.fromBytes(gzip(csv(rows))));
        Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", S3.accessKey(),
                "AWS_SECRET_ACCESS_KEY", S3.secretKey(), "AWS_REGION", "us-east-1",
                "AWS_ENDPOINT_URL", S3.endpoint().toString());

        JarProcess.Outcome o = JarProcess.run(dir, List.of(), env,
                "--source", "s3://lake/t/dt=2024-01-01/", "--output", "s3://downstream/recommender/in.csv");

        assertThat(o.exitCode()).as(o.stderr()).isZero();
        String csv = S3.client().getObjectAsBytes(b -> b.bucket("downstream").key("recommender/in.csv"))
                .asString(StandardCharsets.UTF_8);
        assertThat(parse(csv)).isEqualTo(expected(rows, LakeColumn.PERSONALIZE_REQUIRED));
        String report = S3.client().getObjectAsBytes(b -> b.bucket("downstream")
                .key("recommender/in.csv.report.json")).asString(StandardCharsets.UTF_8);
        assertThat(ValidationReport.fromJson(report).rowsOut()).isEqualTo(500);
    }

    @Test
    void jsonAndExitOneWhenTheExportFails() throws Exception {
        write(dir, "src/a.csv", "USER_ID,ITEM_ID,TIMESTAMP\nu,i,1\n".getBytes(StandardCharsets.UTF_8));
        write(dir, "src/b.csv", "ITEM_ID,USER_ID,TIMESTAMP\ni,u,1\n".getBytes(StandardCharsets.UTF_8));

        JarProcess.Outcome o = JarProcess.run(dir, List.of(), Map.of(), "--source", dir.resolve("src").toString(),
                "--output", dir.resolve("o.csv").toString(), "--json");

        assertThat(o.exitCode()).isEqualTo(1);
        JsonNode json = RecordValues.JSON.readTree(o.stdout());
        assertThat(json.get("status").asText()).isEqualTo("FAILED");
        assertThat(json.get("error").asText()).contains("b.csv");
        assertThat(dir.resolve("o.csv")).doesNotExist();
    }
}
