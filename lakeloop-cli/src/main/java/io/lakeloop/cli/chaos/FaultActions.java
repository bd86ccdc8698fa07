package io.lakeloop.cli.chaos;

import io.lakeloop.cli.Console;
import io.lakeloop.cli.LocalStack;
import io.lakeloop.cli.Readiness;
import io.lakeloop.cli.ServiceSpec;
import io.lakeloop.cli.StackException;
import io.lakeloop.cli.demo.EmulatorClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongPredicate;

/**
 * Injects each {@link Scenario} into the running local stack, through the same means an operator or an outage would:
 * signals to the processes (SIGKILL, SIGTERM) and their restart on the same data, and the emulator's fault API. Each
 * action observes the stages while it waits and returns the fault's window.
 */
final class FaultActions {

    private static final Duration TAKE_OVER = Duration.ofSeconds(120);
    private static final Duration COLLATOR_DOWN = Duration.ofSeconds(20);

    private final LocalStack stack;
    private final EmulatorClient emulator;
    private final ObservingWait wait;
    private final Console console;
    private final List<String> connectors;
    private final ConnectTasks tasks = new ConnectTasks();
    private volatile boolean throttleWholeRun;

    FaultActions(LocalStack stack, EmulatorClient emulator, ObservingWait wait, Console console) {
        this.stack = Objects.requireNonNull(stack, "stack");
        this.emulator = Objects.requireNonNull(emulator, "emulator");
        this.wait = Objects.requireNonNull(wait, "wait");
        this.console = Objects.requireNonNull(console, "console");
        this.connectors = stack.deployedConnectors();
    }

    /**
     * Injects {@code scenario} and returns its window.
     *
     * @param drained tells, for a moment (epoch ms), whether every event sent before it has gone through; a killed
     *                collator comes back once the survivors have caught up
     */
    FaultWindow inject(Scenario scenario, LongPredicate drained) {
        console.progress("Chaos: %s — %s", scenario.wireName(), scenario.description());
        return switch (scenario) {
            case KILL_CONNECT_WORKER -> killConnectWorker();
            case KILL_COLLATOR -> killCollator(drained);
            case S3_OUTAGE -> s3Outage();
            case PERSONALIZE_OUTAGE -> personalizeOutage();
            case PERSONALIZE_THROTTLE -> throttleSlot();
            case BROKER_RESTART -> brokerRestart();
        };
    }

    /**
     * Why the stack cannot run {@code scenario} now (a process an earlier scenario could not restart is missing), or
     * null when it can.
     */
    String unusableFor(Scenario scenario) {
        List<String> down = new ArrayList<>();
        for (String service : List.of(LocalStack.BROKER, LocalStack.S3, LocalStack.EMULATOR)) {
            if (!stack.supervisor().isRunning(service)) {
                down.add(service);
            }
        }
        long workers = stack.shape().connectNames().stream().filter(stack.supervisor()::isRunning).count();
        long collators = stack.shape().collatorNames().stream().filter(stack.supervisor()::isRunning).count();
        if (workers < Math.max(1, scenario.workers())) {
            down.add(workers + " of " + stack.shape().connectNames().size() + " Connect workers running, "
                    + scenario.workers() + " needed");
        }
        if (collators < Math.max(1, scenario.collators())) {
            down.add(collators + " of " + stack.shape().collatorNames().size() + " collators running, "
                    + scenario.collators() + " needed");
        }
        return down.isEmpty() ? null : "not running: " + String.join(", ", down);
    }

    /** 30 % 429s from now until {@link #stopThrottling()}. */
    void throttleWholeRun() {
        throttleWholeRun = true;
        emulator.setFaults(throttleJson(0));
        console.progress("Chaos: Personalize now answers %.0f %% of calls with 429 until the run has flowed through",
                Scenario.THROTTLE_RATIO * 100);
    }

    void stopThrottling() {
        throttleWholeRun = false;
        emulator.clearFaults();
    }

    private FaultWindow killConnectWorker() {
        List<String> names = stack.shape().connectNames();
        Map<String, String> byWorkerId = new LinkedHashMap<>();
        names.forEach(name -> byWorkerId.put(workerId(name), name));
        List<ConnectTasks.Task> before = tasks.tasks(urls(names), connectors)
                .orElseThrow(() -> new StackException("No Connect worker answers its REST API"));
        String victimId = ConnectTasks.busiest(before, new ArrayList<>(byWorkerId.keySet()));
        String victim = byWorkerId.get(victimId);
        List<String> survivors = names.stream().filter(n -> !n.equals(victim)).toList();
        long start = System.currentTimeMillis();
        ServiceSpec spec = stack.supervisor().kill(victim);
        console.progress("Chaos: killed Connect worker %s (SIGKILL), which ran %d of %d tasks", victim,
                before.stream().filter(t -> t.worker().equals(victimId)).count(), before.size());
        boolean moved = wait.until(TAKE_OVER, () -> tasks.tasks(urls(survivors), connectors)
                .map(t -> ConnectTasks.allRunningWithout(t, victimId)).orElse(false));
        long movedAt = System.currentTimeMillis();
        console.progress(moved ? "Chaos: every task runs on the %d survivors after %.1f s"
                : "Chaos: the tasks did not all move to the %d survivors within %.0f s", survivors.size(),
                (movedAt - start) / 1000.0);
        wait.during("restart " + victim, () -> stack.supervisor().start(spec));
        boolean rejoined = wait.until(TAKE_OVER, () -> tasks.tasks(urls(names), connectors)
                .map(ConnectTasks::allRunning).orElse(false));
        long back = System.currentTimeMillis();
        console.progress(rejoined ? "Chaos: %s restarted; every task running again %.1f s after the kill"
                : "Chaos: %s restarted, but not every task runs %.0f s after the kill; going on", victim,
                (back - start) / 1000.0);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("worker", victim);
        details.put("tasksOnIt", before.stream().filter(t -> t.worker().equals(victimId)).count());
        details.put("tasks", before.size());
        details.put("tasksMovedToSurvivorsSeconds", moved ? seconds(start, movedAt) : null);
        details.put("restartedAndRebalancedSeconds", rejoined ? seconds(start, back) : null);
        return new FaultWindow(Scenario.KILL_CONNECT_WORKER, start, start, details);
    }

    private FaultWindow killCollator(LongPredicate drained) {
        List<String> names = stack.shape().collatorNames();
        String victim = names.get(names.size() - 1);
        long start = System.currentTimeMillis();
        ServiceSpec spec = stack.supervisor().kill(victim);
        console.progress("Chaos: killed collator %s (SIGKILL); %d instance(s) left", victim, names.size() - 1);
        // the survivors take its partitions once its session expires; it comes back when they have caught up
        wait.pause(COLLATOR_DOWN);
        boolean caughtUp = wait.until(TAKE_OVER, () -> drained.test(start));
        long caughtUpAt = System.currentTimeMillis();
        wait.during("restart " + victim, () -> stack.supervisor().start(spec));
        long back = System.currentTimeMillis();
        console.progress("Chaos: %s restarted %.1f s after the kill", victim, seconds(start, back));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("instance", victim);
        details.put("survivorsCaughtUpSeconds", caughtUp ? seconds(start, caughtUpAt) : null);
        details.put("restartedSeconds", seconds(start, back));
        return new FaultWindow(Scenario.KILL_COLLATOR, start, start, details);
    }

    private FaultWindow s3Outage() {
        long start = System.currentTimeMillis();
        ServiceSpec spec = stack.supervisor().kill(LocalStack.S3);
        console.progress("Chaos: S3 is down (s3proxy killed) for %d s", Scenario.S3_OUTAGE.faultLength().toSeconds());
        wait.pause(Scenario.S3_OUTAGE.faultLength());
        wait.during("restart s3proxy", () -> stack.supervisor().start(spec));
        long end = System.currentTimeMillis();
        console.progress("Chaos: S3 is back after %.1f s", seconds(start, end));
        return new FaultWindow(Scenario.S3_OUTAGE, start, end, Map.of("downSeconds", seconds(start, end)));
    }

    private FaultWindow personalizeOutage() {
        long length = Scenario.PERSONALIZE_OUTAGE.faultLength().toSeconds();
        String health = stack.endpoint(LocalStack.EMULATOR) + "/_emulator/health";
        long start = System.currentTimeMillis();
        emulator.setFaults(throttleJson(length));
        wait.until(Duration.ofSeconds(10), () -> Readiness.httpStatus(health) < 0);
        console.progress("Chaos: Personalize refuses connections for %d s", length);
        wait.until(Duration.ofSeconds(length + 60), () -> Readiness.httpStatus(health) == 200);
        long end = System.currentTimeMillis();
        // the outage is over: leave the settings as they were before it (throttling, or nothing)
        if (throttleWholeRun) {
            emulator.setFaults(throttleJson(0));
        } else {
            emulator.clearFaults();
        }
        console.progress("Chaos: Personalize answers again after %.1f s", seconds(start, end));
        return new FaultWindow(Scenario.PERSONALIZE_OUTAGE, start, end,
                Map.of("mode", "refuse", "refusedSeconds", seconds(start, end)));
    }

    private FaultWindow throttleSlot() {
        long start = System.currentTimeMillis();
        emulator.setFaults(throttleJson(0));
        wait.pause(Scenario.PERSONALIZE_THROTTLE.faultLength());
        emulator.clearFaults();
        long end = System.currentTimeMillis();
        return new FaultWindow(Scenario.PERSONALIZE_THROTTLE, start, end,
                Map.of("throttleRatio", Scenario.THROTTLE_RATIO, "seconds", seconds(start, end)));
    }

    private FaultWindow brokerRestart() {
        long start = System.currentTimeMillis();
        ServiceSpec[] spec = new ServiceSpec[1];
        wait.during("stop the broker", () -> spec[0] = stack.supervisor().terminate(LocalStack.BROKER));
        long stopped = System.currentTimeMillis();
        console.progress("Chaos: the broker stopped (SIGTERM) after %.1f s; starting it again on its data",
                seconds(start, stopped));
        wait.during("restart the broker", () -> stack.supervisor().start(spec[0]));
        long end = System.currentTimeMillis();
        console.progress("Chaos: the broker is back after %.1f s", seconds(start, end));
        return new FaultWindow(Scenario.BROKER_RESTART, start, end,
                Map.of("stopSeconds", seconds(start, stopped), "downSeconds", seconds(start, end)));
    }

    private String throttleJson(long outageSeconds) {
        StringBuilder json = new StringBuilder("{");
        if (throttleWholeRun || outageSeconds == 0) {
            json.append("\"throttleRatio\":").append(Scenario.THROTTLE_RATIO);
        }
        if (outageSeconds > 0) {
            json.append(json.length() > 1 ? "," : "").append("\"outageSeconds\":").append(outageSeconds)
                    .append(",\"outageMode\":\"refuse\"");
        }
        return json.append('}').toString();
    }

    private List<String> urls(List<String> workers) {
        return workers.stream().filter(w -> stack.supervisor().isRunning(w)).map(stack::endpoint).toList();
    }

    private String workerId(String worker) {
        return stack.endpoint(worker).replaceFirst("^http://", "");
    }

    private static double seconds(long fromMs, long toMs) {
        return Math.round((toMs - fromMs) / 100.0) / 10.0;
    }
}
