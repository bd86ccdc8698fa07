package io.lakeloop.cli;

import io.lakeloop.cli.demo.BucketReader;
import io.lakeloop.cli.demo.Clickstream;
import io.lakeloop.cli.demo.ClickstreamGenerator;
import io.lakeloop.cli.demo.DeadLetterWatch;
import io.lakeloop.cli.demo.DemoObserver;
import io.lakeloop.cli.demo.DemoProducer;
import io.lakeloop.cli.demo.DemoReport;
import io.lakeloop.cli.demo.DemoRecord;
import io.lakeloop.cli.demo.EmulatorClient;
import io.lakeloop.cli.demo.EventFate;
import io.lakeloop.cli.demo.ExportedFile;
import io.lakeloop.cli.demo.LakeTargets;
import io.lakeloop.cli.demo.TopicReader;
import io.lakeloop.event.RecordValues;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One {@code lakeloop demo}: starts the stack, produces a clickstream, watches it flow through every stage, exports
 * the day, and reconciles. With chaos, the emulator throttles and fails calls and the Connect worker is killed and
 * restarted mid-run.
 */
final class DemoRun {

    static final String CHAOS_FAULTS = "{\"throttleRatio\":0.2,\"errorRatio\":0.05,\"latencyMs\":5}";
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(3);

    private final StackSettings settings;
    private final DemoOptions options;
    private final Console console;
    private final Map<String, Object> chaosReport = new LinkedHashMap<>();
    private Object exporterOutput;

    DemoRun(StackSettings settings, DemoOptions options, Console console) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.options = Objects.requireNonNull(options, "options");
        this.console = Objects.requireNonNull(console, "console");
    }

    /** @return 0 when every number reconciles, 1 otherwise */
    int run() {
        Instant begin = Instant.now();
        boolean external = options.target == StackTarget.COMPOSE;
        boolean attach = external || LocalStack.isRunning(settings);
        if (external && options.chaos) {
            throw new StackException("--chaos restarts the Connect worker, which belongs to the compose stack: run it "
                    + "on the local stack (--target local)");
        }
        if (attach && options.chaos) {
            throw new StackException("--chaos kills and restarts the Connect worker, which belongs to the running "
                    + "`lakeloop up`. Stop it (lakeloop down) to run the chaos demo on a stack of its own.");
        }
        Clickstream stream = generate();
        LocalStack stack = external ? new ExternalStack(settings, console).attach(options.timeout)
                : attach ? LocalStack.attach(settings, console) : LocalStack.start(settings, console);
        Thread hook = new Thread(stack::close, "lakeloop-demo-shutdown");
        if (!options.keepRunning) {
            Runtime.getRuntime().addShutdownHook(hook);
        }
        try {
            requireWholeLoop(stack);
            Map<String, Object> result = runOn(stack, stream);
            result.put("wallSeconds", Duration.between(begin, Instant.now()).toMillis() / 1000.0);
            boolean reconciled = Boolean.TRUE.equals(result.get("reconciled"));
            if (options.json) {
                console.result(RecordValues.JSON.valueToTree(result).toString());
            }
            console.progress("Demo %s in %.0f s.", reconciled ? "reconciled" : "did NOT reconcile",
                    Duration.between(begin, Instant.now()).toMillis() / 1000.0);
            return reconciled ? 0 : 1;
        } finally {
            if (stack.attached()) {
                console.progress(external ? "The stack keeps running (it is not the CLI's to stop)."
                        : "The stack keeps running (it belongs to lakeloop up).");
            } else if (options.keepRunning) {
                stack.detach();
                console.progress("The stack keeps running (data in %s); stop it with: ./lakeloop down",
                        settings.dataDir());
            } else {
                stack.close();
                removeHook(hook);
            }
        }
    }

    private Clickstream generate() {
        DemoWindow window = DemoWindow.endingAt(Clock.systemUTC().instant());
        String runId = runId();
        Clickstream stream = ClickstreamGenerator.generate(ClickstreamGenerator.Settings.defaults(options.events,
                runId, window.from(), window.to(), options.seed));
        console.progress("Demo run %s: %d events (%d good, %d anonymous, %d broken) in %d records from %d users, "
                        + "event times %s .. %s", runId, stream.events().size(), stream.count(EventFate.GOOD),
                stream.count(EventFate.ANONYMOUS), stream.count(EventFate.BAD), stream.records().size(),
                stream.goodEventsPerUser().size(), window.from(), window.to());
        return stream;
    }

    private static String runId() {
        return "d" + Long.toString(Math.abs(new SecureRandom().nextLong()) % 2_176_782_336L, 36);
    }

    private void requireWholeLoop(LocalStack stack) {
        List<String> missing = new java.util.ArrayList<>();
        for (String service : List.of(EmulatorProcess.NAME, CollatorProcess.NAME)) {
            if (!stack.isRunning(service)) {
                missing.add(service);
            }
        }
        if (stack.connectorConfigs().isEmpty()) {
            missing.add("connectors (config/*.json)");
        }
        if (!missing.isEmpty()) {
            throw new StackException("The demo needs the whole loop; missing: " + missing
                    + ". Build every module (./mvnw -B -DskipTests package) and try again.");
        }
    }

    private Map<String, Object> runOn(LocalStack stack, Clickstream stream) {
        LakeTargets targets = DemoTargets.from(stack.connectorConfigs());
        EmulatorClient emulator = new EmulatorClient(settings.emulatorUrl());
        String run = stream.runId() + "-";
        Map<String, DeadLetterWatch> sinkDeadLetters = new LinkedHashMap<>();
        DemoTargets.deadLetterTopics(stack.connectorConfigs()).forEach((stage, topic) -> sinkDeadLetters.put(stage,
                new DeadLetterWatch(topic, new TopicReader(settings.kafkaBootstrap(), topic), run)));
        try (S3Client s3 = LocalS3.client(settings);
             DemoObserver observer = new DemoObserver(stream, targets, emulator, new BucketReader(s3),
                     new TopicReader(settings.kafkaBootstrap(), Topics.LAKE_INTERACTIONS),
                     new DeadLetterWatch(Topics.INTERACTIONS_DLQ,
                             new TopicReader(settings.kafkaBootstrap(), Topics.INTERACTIONS_DLQ), run),
                     sinkDeadLetters);
             DemoProducer producer = new DemoProducer(settings.kafkaBootstrap(), Topics.INTERACTIONS)) {
            if (options.chaos) {
                emulator.setFaults(CHAOS_FAULTS);
                chaosReport.put("emulatorFaults", RecordValues.JSON.readTree(CHAOS_FAULTS));
                console.progress("Chaos: the emulator now throttles 20% and fails 5% of calls");
            }
            observer.markStart();
            produce(stack, stream, producer, observer, emulator);
            boolean flowed = awaitFlow(observer, emulator);
            if (options.chaos) {
                chaosReport.put("emulatorStats", emulator.stats());
            }
            ExportedFile exported = export(targets, stream, new BucketReader(s3));
            DemoReport report = DemoReport.build(stream, producer.acked(), observer, exported, targets, flowed,
                    chaosReport);
            java.util.function.Consumer<String> print = options.json ? console::progress : console::result;
            report.reconciliation().toLines().forEach(print);
            StringBuilder timing = new StringBuilder("Seconds from the first record produced until each stage was "
                    + "complete:");
            observer.secondsToReach().forEach((stage, seconds) -> timing.append(String.format(" %s %.1f", stage,
                    seconds)));
            print.accept(timing.toString());
            Map<String, Object> json = report.json();
            if (exporterOutput != null) {
                json.put("exporter", exporterOutput);
            }
            return json;
        } catch (java.io.IOException e) {
            throw new StackException("Bad chaos settings: " + e.getMessage(), e);
        }
    }

    private void produce(LocalStack stack, Clickstream stream, DemoProducer producer, DemoObserver observer,
                         EmulatorClient emulator) {
        List<DemoRecord> records = stream.records();
        if (!options.chaos) {
            producer.send(records);
            console.progress("Produced %d records to %s", producer.acked(), Topics.INTERACTIONS);
            return;
        }
        int half = records.size() / 2;
        producer.send(records.subList(0, half));
        console.progress("Produced %d of %d records; waiting for Personalize to receive some before the crash",
                producer.acked(), records.size());
        Instant deadline = Instant.now().plusSeconds(60);
        long target = stream.count(EventFate.GOOD, EventFate.ANONYMOUS) / 5;
        while (new java.util.HashSet<>(observer.emulatorIds()).size() < target && Instant.now().isBefore(deadline)) {
            observer.observe();
            ProcessSupervisor.pause(Duration.ofMillis(500));
        }
        long before = new java.util.HashSet<>(observer.emulatorIds()).size();
        console.progress("Chaos: killing the Connect worker (SIGKILL) with %d events in Personalize", before);
        double seconds = stack.restartConnect(true);
        console.progress("Chaos: Connect worker restarted, connectors running again after %.1f s", seconds);
        chaosReport.put("connectWorkerKilledAfterEventsInPersonalize", before);
        chaosReport.put("connectWorkerRestartSeconds", seconds);
        producer.send(records.subList(half, records.size()));
        console.progress("Produced %d records to %s", producer.acked(), Topics.INTERACTIONS);
    }

    /** Polls every stage until all hold what they must, or the timeout; returns whether they all did. */
    private boolean awaitFlow(DemoObserver observer, EmulatorClient emulator) {
        Instant deadline = Instant.now().plus(options.timeout);
        Instant nextProgress = Instant.now();
        boolean faultsOn = options.chaos;
        while (true) {
            observer.observe();
            if (faultsOn && observer.emulatorComplete()) {
                emulator.clearFaults();
                faultsOn = false;
            }
            if (Instant.now().isAfter(nextProgress)) {
                console.progress("  %s", observer.progressLine());
                nextProgress = Instant.now().plus(PROGRESS_EVERY);
            }
            if (observer.complete()) {
                // one more look after a pause: a late duplicate must not slip through
                ProcessSupervisor.pause(Duration.ofSeconds(3));
                observer.observe();
                console.progress("  %s", observer.progressLine());
                return observer.complete();
            }
            if (Instant.now().isAfter(deadline)) {
                console.progress("Timed out after %d s waiting for the events to flow through",
                        options.timeout.toSeconds());
                if (faultsOn) {
                    emulator.clearFaults();
                }
                return false;
            }
            ProcessSupervisor.pause(Duration.ofSeconds(1));
        }
    }

    private ExportedFile export(LakeTargets targets, Clickstream stream, BucketReader reader) {
        console.progress("Exporting %s to %s ...", targets.lakeUri(stream.day()), targets.exportUri());
        ExporterRunner.Result result = ExporterRunner.run(settings, List.of("--source", targets.lakeUri(stream.day()),
                "--output", targets.exportUri(), "--json", "--no-progress"), Duration.ofMinutes(3));
        exporterOutput = parseOrText(result.stdout());
        if (result.exitCode() != 0) {
            console.progress("The exporter failed with code %d (see %s): %s", result.exitCode(),
                    settings.logsDir().resolve("exporter.log"), result.stdout());
            return new ExportedFile(0, 0, 0, List.of());
        }
        String csv = reader.read(targets.downstreamBucket(), targets.exportKey());
        return csv == null ? new ExportedFile(0, 0, 0, List.of()) : ExportedFile.parse(csv, stream.runId() + "-");
    }

    private static Object parseOrText(String text) {
        try {
            return RecordValues.JSON.readTree(text);
        } catch (java.io.IOException | RuntimeException e) {
            return text.strip();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // shutting down already, or never added
        }
    }
}
