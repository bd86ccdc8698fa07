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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code lakeloop status --json}: the exact object, for a stack that is down, partly up and fully up (the "services"
 * are real processes whose pids are recorded as the stack records them).
 */
class StatusJsonTest {

    private static final List<String> SERVICES = List.of("broker", "s3proxy", "emulator", "connect", "collator");

    @TempDir
    Path data;

    private Process stand;

    @AfterEach
    void stop() throws Exception {
        if (stand != null) {
            stand.destroy();
            stand.waitFor();
        }
    }

    private record Run(int exitCode, JsonNode json, String stdout) {
    }

    private Run status() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cli = LakeloopMain.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(new StringWriter()));
        int code = cli.execute("status", "--json", "--data-dir", data.toString(), "--kafka-port", "19092",
                "--s3-port", "19000", "--emulator-port", "18089", "--connect-port", "18083", "--collator-port",
                "18090");
        assertThat(out.toString().lines().count()).as("one line on stdout: %s", out).isEqualTo(1);
        return new Run(code, RecordValues.JSON.readTree(out.toString()), out.toString());
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String stoppedState(String service) {
        Path root = LakeloopHome.locate().root();
        boolean built = switch (service) {
            case "emulator" -> Files.exists(root.resolve(LocalStack.EMULATOR_JAR));
            case "collator" -> Files.exists(root.resolve(LocalStack.COLLATOR_JAR));
            default -> true;
        };
        return built ? "STOPPED" : "NOT_BUILT";
    }

    private static String endpoint(String service) {
        return switch (service) {
            case "broker" -> "127.0.0.1:19092";
            case "s3proxy" -> "http://127.0.0.1:19000";
            case "emulator" -> "http://127.0.0.1:18089";
            case "connect" -> "http://127.0.0.1:18083";
            default -> "http://127.0.0.1:18090";
        };
    }

    @Test
    void aStackThatIsDownIsStoppedWithExitCodeThree() throws Exception {
        Run run = status();

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(fields(run.json())).containsExactly("status", "exitCode", "dataDir", "services");
        assertThat(run.json().get("status").asText()).isEqualTo("STOPPED");
        assertThat(run.json().get("exitCode").asInt()).isEqualTo(3);
        assertThat(run.json().get("dataDir").asText()).isEqualTo(data.toAbsolutePath().toString());
        JsonNode services = run.json().get("services");
        assertThat(services).hasSize(SERVICES.size());
        for (int i = 0; i < SERVICES.size(); i++) {
            JsonNode s = services.get(i);
            String name = SERVICES.get(i);
            assertThat(fields(s)).containsExactly("name", "state", "pid", "endpoint");
            assertThat(s.get("name").asText()).isEqualTo(name);
            assertThat(s.get("state").asText()).isEqualTo(stoppedState(name));
            assertThat(s.get("pid").isNull()).as(name).isTrue();
            assertThat(s.get("endpoint").asText()).isEqualTo(endpoint(name));
        }
    }

    @Test
    void aStackWithSomeServicesRunningIsDegradedAndOneWithAllIsRunning() throws Exception {
        stand = new ProcessBuilder("sleep", "300").start();
        Path runDir = data.resolve("run");
        PidFile.write(runDir, "broker", stand.toHandle());
        PidFile.write(runDir, "connect", stand.toHandle());

        Run partly = status();
        assertThat(partly.exitCode()).isEqualTo(3);
        assertThat(partly.json().get("status").asText()).isEqualTo("DEGRADED");
        assertThat(partly.json().get("exitCode").asInt()).isEqualTo(3);
        for (JsonNode s : partly.json().get("services")) {
            String name = s.get("name").asText();
            boolean up = name.equals("broker") || name.equals("connect");
            assertThat(s.get("state").asText()).as(name).isEqualTo(up ? "RUNNING" : stoppedState(name));
            if (up) {
                assertThat(s.get("pid").asLong()).as(name).isEqualTo(stand.pid());
            } else {
                assertThat(s.get("pid").isNull()).as(name).isTrue();
            }
        }

        SERVICES.forEach(name -> PidFile.write(runDir, name, stand.toHandle()));
        Run all = status();
        assertThat(all.exitCode()).isZero();
        assertThat(all.json().get("status").asText()).isEqualTo("RUNNING");
        assertThat(all.json().get("exitCode").asInt()).isZero();
        assertThat(all.json().get("services")).extracting(s -> s.get("state").asText())
                .containsExactly("RUNNING", "RUNNING", "RUNNING", "RUNNING", "RUNNING");
        assertThat(all.json().get("services")).extracting(s -> s.get("pid").asLong())
                .containsOnly(stand.pid());
    }

    @Test
    void withoutJsonTheTableIsUnchanged() {
        StringWriter out = new StringWriter();
        CommandLine cli = LakeloopMain.commandLine();
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("status", "--data-dir", data.toString(), "--kafka-port", "19092")).isEqualTo(3);
        assertThat(out.toString()).startsWith("broker    stopped   -          127.0.0.1:19092")
                .contains("data: " + data);
    }
}
