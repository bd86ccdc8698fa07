package io.lakeloop.export;

import static io.lakeloop.export.TestParts.csv;
import static io.lakeloop.export.TestParts.gzip;
import static io.lakeloop.export.TestParts.rows;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakeloop.aws.AwsSettings;
import io.lakeloop.event.RecordValues;
import io.lakeloop.export.report.ValidationReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import io.lakeloop.testkit.S3ProxyExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;

/** The import job through the real SDK over HTTP, against a stub of the control-plane API and a real s3proxy. */
class PersonalizeImportIT {

    static final String DATASET = "arn:aws:personalize:us-east-1:123456789012:dataset/shop/INTERACTIONS";
    static final String ROLE = "arn:aws:iam::123456789012:role/PersonalizeS3Read";

    @RegisterExtension
    static final S3ProxyExtension S3 = S3ProxyExtension.create();

    @BeforeAll
    static void parts() {
        S3.client().putObject(b -> b.bucket("lake").key("t/part-0.csv.gz"),
                RequestBody.fromBytes(gzip(csv(rows("x", 1000, 25)))));
    }

    private static ExportRequest request(PersonalizeControlPlaneStub stub, String jobName) {
        return ExportRequest.builder().source("s3://lake/t/").output("s3://downstream/in.csv").aws(AwsSettings.forEndpoint(S3.endpoint(), S3.region(), S3.accessKey(), S3.secretKey()))
                .personalizeAws(AwsSettings.forEndpoint(stub.endpoint(), "us-east-1", "k", "s"))
                .importJob(new ImportJobRequest(DATASET, ROLE, jobName, "FULL", true, Duration.ofMinutes(2),
                        Duration.ofMillis(10)))
                .build();
    }

    @Test
    void startsTheImportForTheWrittenFileAndWaitsUntilActive() throws Exception {
        try (PersonalizeControlPlaneStub stub = new PersonalizeControlPlaneStub(
                List.of("CREATE PENDING", "CREATE IN_PROGRESS", "CREATE IN_PROGRESS", "ACTIVE"), null)) {
            List<String> progress = new ArrayList<>();

            ExportResult result = Exporter.run(request(stub, "nightly-1"), Progress.Listener.NONE, progress::add);

            JsonNode create = stub.createRequests.get(0);
            assertThat(create.get("jobName").asText()).isEqualTo("nightly-1");
            assertThat(create.get("datasetArn").asText()).isEqualTo(DATASET);
            assertThat(create.get("roleArn").asText()).isEqualTo(ROLE);
            assertThat(create.get("importMode").asText()).isEqualTo("FULL");
            assertThat(create.get("dataSource").get("dataLocation").asText()).isEqualTo("s3://downstream/in.csv");
            assertThat(progress).containsExactly("CREATED " + PersonalizeControlPlaneStub.JOB_ARN, "CREATE PENDING",
                    "CREATE IN_PROGRESS", "ACTIVE");
            assertThat(result.report().importJob().status()).isEqualTo("ACTIVE");
            assertThat(result.ready()).isTrue();
            String stored = S3.client().getObjectAsBytes(b -> b.bucket("downstream").key("in.csv.report.json"))
                    .asString(StandardCharsets.UTF_8);
            assertThat(ValidationReport.fromJson(stored).importJob().jobArn())
                    .isEqualTo(PersonalizeControlPlaneStub.JOB_ARN);
        }
    }

    @Test
    void aFailedImportExitsOneWithPersonalizesReason() throws Exception {
        try (PersonalizeControlPlaneStub stub = new PersonalizeControlPlaneStub(
                List.of("CREATE IN_PROGRESS", "CREATE FAILED"), "Input CSV is missing the column TIMESTAMP")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            String access = System.setProperty("aws.accessKeyId", S3.accessKey());
            String secret = System.setProperty("aws.secretAccessKey", S3.secretKey());
            int code;
            try {
                code = ExporterMain.execute(new String[] {"--source", "s3://lake/t/", "--output",
                        "s3://downstream/in2.csv", "--json", "--import-dataset-arn", DATASET,
                        "--import-role-arn", ROLE, "--import-poll-interval", "PT0.01S"},
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                        Map.of("AWS_REGION", "us-east-1", "AWS_ENDPOINT_URL_S3", S3.endpoint().toString(),
                                "AWS_ENDPOINT_URL_PERSONALIZE", stub.endpoint().toString()), false);
            } finally {
                restore("aws.accessKeyId", access);
                restore("aws.secretAccessKey", secret);
            }

            assertThat(code).isEqualTo(1);
            JsonNode json = RecordValues.JSON.readTree(out.toString(StandardCharsets.UTF_8));
            assertThat(json.get("status").asText()).isEqualTo("IMPORT_FAILED");
            assertThat(json.at("/report/importJob/failureReason").asText())
                    .isEqualTo("Input CSV is missing the column TIMESTAMP");
            assertThat(json.at("/report/rowsOut").asLong()).isEqualTo(1000);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
