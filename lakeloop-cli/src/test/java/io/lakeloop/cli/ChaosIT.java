package io.lakeloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakeloop.event.RecordValues;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults at scale, against real processes, in one test (each part needs a stack of its own; one test method keeps
 * the class's wall time to what the two stacks cost). First the harness itself is stopped (SIGTERM, as Ctrl-C) in
 * the middle of a fault, with s3proxy down and the producer producing: its shutdown hook must stop every process it
 * started, and free every port. Then {@code lakeloop demo --chaos personalize-throttle,kill-connect-worker,
 * s3-outage,personalize-outage} on a stack of three Connect workers, while the producer keeps producing at a steady
 * rate: Personalize throttles 30 % of calls all along; a worker is killed with SIGKILL (its tasks must move to the two
 * survivors, then it comes back), S3 goes away for 20 s, Personalize refuses every connection for 30 s, and still
 * every stage reconciles exactly, no S3 object is written twice, and every repeated delivery to Personalize is
 * counted. Whatever happens, nothing of either stack outlives the test. The warm-up, baseline and tail are shortened
 * and each fault follows the previous one 5 s after it ended, drained or not ({@link #SHORT_PHASES}): this test
 * checks reconciliation and the faults' effects; the figures come from the full {@code --chaos all} benchmark run
 * (BENCHMARKS.md).
 */
class ChaosIT {

    private static final int RATE = 200;
    /**
     * 5 s of warm-up and of baseline instead of 40 s and 20 s, a 5 s tail instead of 10 s, and the next fault at most
     * 5 s after the previous one ended instead of 60 s.
     */
    static final List<String> SHORT_PHASES = List.of("-Dlakeloop.demo.warmUp=PT5S", "-Dlakeloop.demo.baseline=PT5S",
            "-Dlakeloop.demo.tail=PT5S", "-Dlakeloop.demo.settle=PT5S");
    /** The harness is stopped as soon as the fault is under way: 1 s phases are enough. */
    static final List<String> SHORTEST_PHASES = List.of("-Dlakeloop.demo.warmUp=PT1S",
            "-Dlakeloop.demo.baseline=PT1S");

    @TempDir
    Path tmp;

    private Path data;
    private List<String> stackOptions;
    private int base;
    private final List<Path> dataDirs = new ArrayList<>();

    @BeforeEach
    void everyComponentIsInTheCheckout() {
        List<String> missing = java.util.stream.Stream.of("personalize-emulator", "connect-personalize-sink",
                "connect-s3-sink", "streams-collator", "csv-exporter")
                .filter(module -> !java.nio.file.Files.isDirectory(CliProcess.HOME.resolve(module))).toList();
        Assumptions.assumeTrue(missing.isEmpty(), "modules not in this checkout yet: " + missing);
        base = CliProcess.freePortRun(9);
    }

    /** The stack options of one part of the test: its own data folder, the test's ports. */
    private List<String> stack(String name) {
        dataDirs.add(tmp.resolve(name));
        return use(tmp.resolve(name));
    }

    private List<String> use(Path dir) {
        data = dir;
        stackOptions = List.of("--data-dir", data.toString(), "--kafka-port", "" + base, "--controller-port",
                "" + (base + 1), "--s3-port", "" + (base + 2), "--emulator-port", "" + (base + 3), "--connect-port",
                "" + (base + 4), "--collator-port", "" + (base + 7));
        return stackOptions;
    }

    @Test
    void stoppedMidFaultNothingIsLeftAndOtherwiseEveryStageReconcilesThroughThrottlingAWorkerCrashAndTwoOutages()
            throws Exception {
        stoppingTheDemoMidFaultLeavesNoProcessBehind();
        nothingOutlivesTheStack();
        dataDirs.clear(); // checked: the ports are free for the second stack

        List<String> args = new ArrayList<>(List.of("demo", "--json", "--rate", "" + RATE, "--chaos",
                "personalize-throttle,kill-connect-worker,s3-outage,personalize-outage", "--timeout", "PT4M"));
        args.addAll(stack("data"));
        CliProcess.Result result = CliProcess.run(tmp, "chaos", "512m", SHORT_PHASES, Duration.ofMinutes(12), args);
        assertThat(result.stdout().lines().count()).as("stdout is one JSON object; stderr:\n%s", result.stderr())
                .isEqualTo(1);
        JsonNode report = RecordValues.JSON.readTree(result.stdout());
        assertThat(result.exitCode()).as("exit code; report %s; stderr:\n%s", report, result.stderr()).isZero();
        // the figures table, for the build log
        String err = result.stderr();
        System.out.println(err.substring(Math.max(0, err.indexOf("Offered "))));

        DemoReports.assertReconciledExactly(report, report.path("produced").path("events").asLong());
        JsonNode load = report.path("load");
        JsonNode slots = load.path("slots");
        assertThat(slots).extracting(s -> s.path("scenario").asText())
                .containsExactly("warm-up", "baseline", "kill-connect-worker", "s3-outage", "personalize-outage");
        slots.forEach(slot -> assertThat(slot.path("eventsProduced").asLong())
                .as("the producer kept producing through %s", slot.path("scenario")).isPositive());
        JsonNode kill = slots.get(2).path("fault");
        assertThat(kill.path("worker").asText()).startsWith("connect");
        assertThat(kill.path("tasksOnIt").asInt()).isPositive();
        assertThat(kill.path("tasksMovedToSurvivorsSeconds").isNumber()).as("tasks moved: %s", kill).isTrue();
        assertThat(kill.path("restartedAndRebalancedSeconds").isNumber()).as("worker back: %s", kill).isTrue();
        assertThat(slots.get(3).path("fault").path("downSeconds").asDouble()).isGreaterThanOrEqualTo(20);
        assertThat(slots.get(4).path("fault").path("refusedSeconds").asDouble()).isGreaterThanOrEqualTo(29);
        JsonNode chaos = report.path("chaos");
        assertThat(chaos.path("scenarios")).extracting(JsonNode::asText).containsExactly(
                "personalize-throttle (whole run)", "kill-connect-worker", "s3-outage", "personalize-outage");
        assertThat(chaos.path("connectWorkers").asInt()).isEqualTo(3);
        assertThat(chaos.has("personalizeEventsUnreadByTheDemo")).isFalse();
        assertThat(chaos.has("failedScenarios")).as("%s", chaos).isFalse();
        assertThat(chaos.has("skippedScenarios")).as("%s", chaos).isFalse();
        for (JsonNode slot : List.of(slots.get(2), slots.get(3), slots.get(4))) {
            JsonNode recovery = slot.path("recoverySeconds");
            assertThat(recovery.path("overall").isNumber() || recovery.path("notRecoveredWithinSeconds").isNumber())
                    .as("recovery of %s: %s", slot.path("scenario"), recovery).isTrue();
        }
        JsonNode injected = chaos.path("emulatorStats").path("injectedFaults");
        assertThat(injected.path("OUTAGE_REFUSED").asLong()).isEqualTo(1);
        assertThat(injected.path("THROTTLE").asLong()).as("the emulator really throttled calls: %s", chaos)
                .isPositive();
        assertThat(load.path("personalizeThrottledWholeRun").asBoolean()).isTrue();

        assertThat(load.path("s3WritesComplete").asBoolean()).isTrue();
        assertThat(load.path("s3ObjectsWritten").asLong()).isPositive();
        assertThat(load.path("s3ObjectsWrittenTwice")).as("objects written twice").isEmpty();
        long repeats = 0;
        for (JsonNode slot : slots) {
            repeats += slot.path("duplicatesToPersonalize").path("total").asLong();
            assertThat(slot.path("latencyMs").path("personalize").path("events").asLong()).isPositive();
        }
        assertThat(repeats).as("every repeated delivery is counted in a slot")
                .isEqualTo(report.path("stages").path("personalize").path("duplicates").asLong());
    }

    /**
     * The harness itself stopped (Ctrl-C / SIGTERM) in the middle of a fault, with s3proxy down and the producer
     * producing: its shutdown hook stops every process it started, a restart the scenario had under way included.
     */
    private void stoppingTheDemoMidFaultLeavesNoProcessBehind() throws Exception {
        List<String> args = new ArrayList<>(List.of("demo", "--rate", "50", "--chaos", "s3-outage"));
        args.addAll(stack("stopped"));
        try (CliProcess cli = CliProcess.start(tmp, "stopped", "256m", SHORTEST_PHASES, args)) {
            cli.awaitStderr("Chaos: S3 is down", Duration.ofMinutes(5));
            java.util.Map<String, Long> pids = new java.util.LinkedHashMap<>();
            for (String service : StackShape.recordedServices(data.resolve("run"))) {
                PidFile.read(data.resolve("run"), service).ifPresent(f -> pids.put(service, f.pid()));
            }
            assertThat(pids).containsKeys("broker", "connect", "collator", "emulator").doesNotContainKey("s3proxy");

            cli.process().destroy();

            assertThat(cli.waitFor(Duration.ofMinutes(3))).isEqualTo(143);
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> pids.forEach((service, pid) ->
                    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).as(service)
                            .isNotEqualTo(java.util.Optional.of(true))));
        }
    }

    /** Whatever the runs did, {@code down} finds nothing left running, and every port is free again. */
    @AfterEach
    void nothingOutlivesTheTest() {
        for (Path dir : dataDirs) {
            use(dir);
            nothingOutlivesTheStack();
        }
    }

    private void nothingOutlivesTheStack() {
        List<String> args = new ArrayList<>(List.of("down"));
        args.addAll(stackOptions);
        CliProcess.Result down = CliProcess.run(tmp, "down", Duration.ofMinutes(3), args);
        assertThat(down.stderr()).as("the demo stopped its stack itself").contains("Nothing was running");
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (int port = base; port < base + 9; port++) {
                assertThat(ProcessSupervisor.isFree(port)).as("port %s is free", port).isTrue();
            }
        });
        assertThat(Map.of("pid files", data.resolve("run").toFile().list() == null ? 0
                : java.util.Arrays.stream(data.resolve("run").toFile().list()).filter(f -> f.endsWith(".pid"))
                .count())).containsEntry("pid files", 0L);
    }
}
