package io.lakeloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakeloop.event.RecordValues;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole loop, end to end, exactly as a user runs it: {@code lakeloop demo --json} as a process on the build's own
 * jars (broker, Connect with the Personalize and S3 sinks, s3proxy, the emulator, the collator, the exporter). The
 * demo's exit code and JSON must say that every stage reconciles, and the numbers must be the generator's. The runs
 * with faults (throttling, a Connect worker killed, S3 and Personalize outages) are {@link ChaosIT}'s.
 */
class DemoIT {

    private static final int EVENTS = 1200;

    @TempDir
    Path tmp;

    @Test
    void everyEventIsAccountedForAtEveryStage() throws Exception {
        JsonNode report = demo("plain", List.of());
        assertReconciled(report);
        assertThat(report.path("stages").path("personalize").path("duplicates").asLong()).isZero();
    }

    /**
     * The loop needs every component. While a module is not part of this checkout (an intermediate merge), the test
     * is reported as skipped, naming what is missing; once they are all here it runs in full and must pass.
     */
    @BeforeEach
    void everyComponentIsInTheCheckout() {
        List<String> missing = java.util.stream.Stream.of("personalize-emulator", "connect-personalize-sink",
                "connect-s3-sink", "streams-collator", "csv-exporter")
                .filter(module -> !java.nio.file.Files.isDirectory(CliProcess.HOME.resolve(module))).toList();
        Assumptions.assumeTrue(missing.isEmpty(), "modules not in this checkout yet: " + missing);
    }

    private JsonNode demo(String name, List<String> extra) throws Exception {
        int[] p = CliProcess.freePorts(6);
        List<String> args = new ArrayList<>(List.of("demo", "--events", String.valueOf(EVENTS), "--json",
                "--timeout", "PT4M", "--data-dir", tmp.resolve(name).toString(),
                "--kafka-port", "" + p[0], "--controller-port", "" + p[1], "--connect-port", "" + p[2],
                "--s3-port", "" + p[3], "--emulator-port", "" + p[4], "--collator-port", "" + p[5]));
        args.addAll(extra);
        CliProcess.Result result = CliProcess.run(tmp, name, Duration.ofMinutes(9), args);
        assertThat(result.stdout().lines().count()).as("stdout is one JSON object; stderr:\n%s", result.stderr())
                .isEqualTo(1);
        JsonNode report = RecordValues.JSON.readTree(result.stdout());
        assertThat(result.exitCode()).as("exit code; report %s; stderr:\n%s", report, result.stderr()).isZero();
        return report;
    }

    private static void assertReconciled(JsonNode report) {
        DemoReports.assertReconciledExactly(report, EVENTS);
    }
}
