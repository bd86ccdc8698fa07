package io.lakeloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakeloop.event.RecordValues;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code lakeloop deploy --json}: the exact object of a dry run and of failures (no Connect listening, no connector
 * in the files). A deployment on a real Connect cluster is checked in {@code UpDownIT}.
 */
class DeployJsonTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int deploy(String... args) {
        CommandLine cli = LakeloopMain.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of("deploy", "--json"));
        all.addAll(List.of(args));
        return cli.execute(all.toArray(String[]::new));
    }

    private JsonNode json() throws Exception {
        assertThat(out.toString().lines().count()).as("one line on stdout: %s", out).isEqualTo(1);
        return RecordValues.JSON.readTree(out.toString());
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private Path connectorFile() throws Exception {
        return Files.writeString(dir.resolve("s3-sink.json"), """
                {"name": "s3-test-sink", "config": {
                  "connector.class": "io.lakeloop.connect.s3.S3SinkConnector",
                  "topics": "interactions",
                  "aws.secret.access.key": "do-not-print-me",
                  "errors.deadletterqueue.topic.name": "s3.dlq"}}
                """);
    }

    @Test
    void aDryRunPrintsTheConfigurationsItWouldSendWithSecretsMasked() throws Exception {
        int code = deploy("--dry-run", "--connect-url", "http://connect.example:8083", "--s3-endpoint",
                "http://minio:9000", "--dlq-replication-factor", "3", connectorFile().toString());

        assertThat(code).isZero();
        JsonNode json = json();
        assertThat(fields(json)).containsExactly("status", "exitCode", "connectUrl", "connectors");
        assertThat(json.get("status").asText()).isEqualTo("DRY_RUN");
        assertThat(json.get("exitCode").asInt()).isZero();
        assertThat(json.get("connectUrl").asText()).isEqualTo("http://connect.example:8083");
        assertThat(json.get("connectors")).hasSize(1);
        JsonNode c = json.get("connectors").get(0);
        assertThat(fields(c)).containsExactly("name", "state", "tasks", "config");
        assertThat(c.get("name").asText()).isEqualTo("s3-test-sink");
        assertThat(c.get("state").isNull()).isTrue();
        assertThat(c.get("tasks")).isEmpty();
        JsonNode config = c.get("config");
        assertThat(fields(config)).containsExactly("connector.class", "topics", "aws.secret.access.key",
                "errors.deadletterqueue.topic.name", "aws.endpoint", "s3.path.style.access",
                "errors.deadletterqueue.topic.replication.factor");
        assertThat(config.get("aws.secret.access.key").asText()).isEqualTo("********");
        assertThat(config.get("aws.endpoint").asText()).isEqualTo("http://minio:9000");
        assertThat(config.get("errors.deadletterqueue.topic.replication.factor").asText()).isEqualTo("3");
        assertThat(out.toString() + err).doesNotContain("do-not-print-me");
    }

    @Test
    void aClusterThatDoesNotAnswerIsAFailureWithTheConnectorsLastKnownState() throws Exception {
        int port = CliProcess.freePorts(1)[0];
        int code = deploy("--connect-url", "http://127.0.0.1:" + port, "--timeout", "1s",
                connectorFile().toString());

        assertThat(code).isEqualTo(1);
        JsonNode json = json();
        assertThat(fields(json)).containsExactly("status", "exitCode", "connectUrl", "connectors", "error");
        assertThat(json.get("status").asText()).isEqualTo("FAILED");
        assertThat(json.get("exitCode").asInt()).isEqualTo(1);
        assertThat(json.get("connectUrl").asText()).isEqualTo("http://127.0.0.1:" + port);
        assertThat(json.get("error").asText()).startsWith("Connect refused connector s3-test-sink (HTTP -1)");
        JsonNode c = json.get("connectors").get(0);
        assertThat(fields(c)).containsExactly("name", "state", "tasks", "config");
        assertThat(c.get("state").asText()).isEqualTo("UNKNOWN");
        assertThat(c.get("tasks")).isEmpty();
        assertThat(err.toString()).contains("lakeloop: Connect refused connector s3-test-sink");
    }

    @Test
    void filesWithoutAConnectorAreAFailureToo() throws Exception {
        Path notAConnector = Files.writeString(dir.resolve("other.json"), "{\"hello\": 1}");

        assertThat(deploy(notAConnector.toString())).isEqualTo(1);
        JsonNode json = json();
        assertThat(json.get("status").asText()).isEqualTo("FAILED");
        assertThat(json.get("connectors")).isEmpty();
        assertThat(json.get("error").asText())
                .isEqualTo("No connector configuration found (a JSON file with connector.class)");
    }

    @Test
    void withoutJsonAFailureIsStillTheOneLineMessage() throws Exception {
        CommandLine cli = LakeloopMain.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        Path notAConnector = Files.writeString(dir.resolve("other.json"), "{}");

        assertThat(cli.execute("deploy", notAConnector.toString())).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEqualTo("lakeloop: No connector configuration found (a JSON file with "
                + "connector.class)" + System.lineSeparator());
    }
}
