package io.lakeloop.cli;

import io.lakeloop.cli.chaos.ChaosPlan;
import io.lakeloop.cli.chaos.LoadReport;
import io.lakeloop.cli.chaos.LoadRun;
import io.lakeloop.cli.demo.BucketReader;
import io.lakeloop.cli.demo.Clickstream;
import io.lakeloop.cli.demo.ClickstreamGenerator;
import io.lakeloop.cli.demo.DeadLetterWatch;
import io.lakeloop.cli.demo.DemoObserver;
import io.lakeloop.cli.demo.DemoProducer;
import io.lakeloop.cli.demo.DemoReport;
import io.lakeloop.cli.demo.EmulatorClient;
import io.lakeloop.cli.demo.EventFate;
import io.lakeloop.cli.demo.ExportedFile;
import io.lakeloop.cli.demo.LakeTargets;
import io.lakeloop.cli.demo.LiveStream;
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
 * the day, and reconciles. A paced run ({@code --rate}, {@code --chaos}) produces a live stream at a steady rate on
 * a thread of its own while {@link LoadRun} injects the faults, and adds the figures per fault.
 */
final class DemoRun {

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(3);

    private final StackSettings settings;
    private final DemoOptions options;
    private final ScaleOptions scale;
    private final Console console;
    private final ChaosPlan plan;
    private final Map<String, Object> chaosReport = new LinkedHashMap<>();
    private Object exporterOutput;
    private DemoWindow window;
    private LiveStream live;

    DemoRun(StackSettings settings, DemoOptions options, ScaleOptions scale, Console console) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.options = Objects.requireNonNull(options, "options");
        this.scale = Objects.requireNonNull(scale, "scale");
        this.console = Objects.requireNonNull(console, "console");
        options.validate();
        this.plan = options.chaosPlan();
    }

    /** @return 0 when every number reconciles, 1 otherwise */
    int run() {
        Instant begin = Instant.now();
        boolean external = options.target == StackTarget.COMPOSE;
        boolean attach = external || LocalStack.isRunning(settings);
        if (external && plan != null) {
            throw new StackException("--chaos kills and restarts processes that belong to the compose stack: run it "
                    + "on the local stack (--target local)");
        }
        if (attach && plan != null) {
            throw new StackException("--chaos kills and restarts processes that belong to the running `lakeloop up`. "
                    + "Stop it (lakeloop down) to run the chaos demo on a stack of its own.");
        }
        Clickstream stream = generate();
        StackShape shape = plan == null ? scale.shape() : scale.shape(plan.workers(), plan.collators());
        if (plan != null) {
            console.progress("Chaos plan: %s, on %d Connect worker(s) and %d collator(s)", plan, shape.connectWorkers(),
                    shape.collatorInstances());
        }
        LocalStack stack = external ? new ExternalStack(settings, console).attach(options.timeout)
                : attach ? LocalStack.attach(settings, console) : LocalStack.start(settings, shape, console);
        Thread hook = new Thread(stack::close, "lakeloop-demo-shutdown");
        if (!options.keepRunning) {
            Runtime.getRuntime().addShutdownHook(hook);
        }
        try {
            requireWholeLoop(stack);
            Map<String, Object> result = runOn(stack, stream);
            result.put("wallSeconds", Duration.between(begin, Instant.now()).toMillis() / 1000.0);
            boolean reconciled = Boolean.TRUE.equals(result.get("reconciled"));
            boolean everyFault = !(result.get("chaos") instanceof Map<?, ?> chaos)
                    || !chaos.containsKey("failedScenarios") && !chaos.containsKey("skippedScenarios");
            if (options.json) {
                console.result(RecordValues.JSON.valueToTree(result).toString());
            }
            console.progress("Demo %s%s in %.0f s.", reconciled ? "reconciled" : "did NOT reconcile",
                    everyFault ? "" : ", but a fault scenario failed or was skipped",
                    Duration.between(begin, Instant.now()).toMillis() / 1000.0);
            return reconciled && everyFault ? 0 : 1;
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

    /**
     * What the demo holds per event it produces and follows (measured: ~450 B generated, the rest observed); a run
     * with faults that takes longer than planned holds more.
     */
    static final long BYTES_PER_EVENT = 800;

    private Clickstream generate() {
        long needed = options.events() * BYTES_PER_EVENT;
        if (needed > Runtime.getRuntime().maxMemory() * 0.8) {
            throw new StackException(String.format("%,d events need about %d MB of heap and this JVM has %d MB: run "
                    + "with LAKELOOP_JAVA_OPTS=-Xmx%dm, or fewer events (--rate, --duration)", options.events(),
                    needed >> 20, Runtime.getRuntime().maxMemory() >> 20, (long) (needed * 1.5) >> 20));
        }
        Instant now = Clock.systemUTC().instant();
        String runId = runId();
        if (options.paced()) {
            return live(now, runId);
        }
        window = DemoWindow.endingAt(now);
        Clickstream stream = ClickstreamGenerator.generate(ClickstreamGenerator.Settings.defaults(options.events(),
                runId, window.from(), window.to(), options.seed));
        console.progress("Demo run %s: %d events (%d good, %d anonymous, %d broken) in %d records from %d users, "
                        + "event times %s .. %s", runId, stream.events().size(), stream.count(EventFate.GOOD),
                stream.count(EventFate.ANONYMOUS), stream.count(EventFate.BAD), stream.records().size(),
                stream.goodEventsPerUser().size(), window.from(), window.to());
        return stream;
    }

    /**
     * A run at a steady rate: the stream is generated piece by piece while it is produced. With faults it goes on
     * until they have all drained (its event times cover the longest the timeline can take, so every fault runs
     * under load); with --events it is exactly that many events.
     */
    private Clickstream live(Instant now, String runId) {
        boolean exact = options.events != null;
        Duration length = options.productionLength();
        Duration longest = plan != null && !exact ? plan.longestLength() : length;
        window = DemoWindow.lasting(now, longest);
        live = new LiveStream(runId, window.from(), window.to(), options.offeredRate(),
                exact ? length : LiveStream.PIECE, options.seed);
        console.progress("Demo run %s: a live stream of %.0f events/s for %s%s, event times from %s", runId,
                options.offeredRate(), plan != null && !exact ? "as long as the faults take (planned "
                        + length.toSeconds() + " s)" : length.toSeconds() + " s",
                exact ? " (" + options.events() + " events)" : "", window.from());
        return new Clickstream(runId, window.from().atZone(java.time.ZoneOffset.UTC).toLocalDate(), List.of());
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
        java.nio.file.Path journal = new EmulatorProcess(settings).journal();
        EmulatorClient emulator = new EmulatorClient(settings.emulatorUrl(),
                java.nio.file.Files.exists(journal) ? journal : null);
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
             DemoProducer producer = new DemoProducer(settings.kafkaBootstrap(), Topics.INTERACTIONS);
             LoadRun load = live != null ? new LoadRun(stack, stream, live, window.from(), observer, producer,
                     targets, plan, DemoTargets.consumerGroups(stack, settings), console) : null) {
            Clickstream produced = stream;
            if (load != null) {
                produced = load.produce(options.events != null);
                observer.expect(produced);
            } else {
                observer.markStart();
                producer.send(stream.records());
                console.progress("Produced %d records to %s", producer.acked(), Topics.INTERACTIONS);
            }
            boolean flowed = awaitFlow(observer, load);
            if (observer.personalizeUnread() > 0) {
                console.progress("WARNING: the emulator dropped %d accepted events (its memory bound) before the demo "
                        + "could read them: the Personalize stage cannot be checked exactly", observer.personalizeUnread());
                chaosReport.put("personalizeEventsUnreadByTheDemo", observer.personalizeUnread());
            }
            if (observer.personalizeReadFromJournal() > 0) {
                chaosReport.put("personalizeEventsReadFromTheJournal", observer.personalizeReadFromJournal());
            }
            LoadReport figures = load == null ? null
                    : load.report(options.offeredRate(), EmulatorProcess.EVENTS_QUOTA_PER_SECOND);
            if (load != null && !load.failedScenarios().isEmpty()) {
                chaosReport.put("failedScenarios", load.failedScenarios());
            }
            if (load != null && !load.skippedScenarios().isEmpty()) {
                chaosReport.put("skippedScenarios", load.skippedScenarios());
            }
            if (plan != null) {
                chaosReport.put("scenarios", plan.names(true));
                chaosReport.put("connectWorkers", stack.shape().connectWorkers());
                chaosReport.put("collatorInstances", stack.shape().collatorInstances());
                chaosReport.put("emulatorStats", emulator.stats());
            }
            ExportedFile exported = export(targets, produced, new BucketReader(s3));
            DemoReport report = DemoReport.build(produced, producer.acked(), observer, exported, targets, flowed,
                    chaosReport);
            java.util.function.Consumer<String> print = options.json ? console::progress : console::result;
            report.reconciliation().toLines().forEach(print);
            StringBuilder timing = new StringBuilder("Seconds from the first record produced until each stage was "
                    + "complete:");
            observer.secondsToReach().forEach((stage, seconds) -> timing.append(String.format(" %s %.1f", stage,
                    seconds)));
            print.accept(timing.toString());
            Map<String, Object> json = report.json();
            if (figures != null) {
                figures.reconciled(report.reconciliation().reconciles());
                figures.lines().forEach(print);
                json.put("load", figures.json());
            }
            if (exporterOutput != null) {
                json.put("exporter", exporterOutput);
            }
            return json;
        }
    }

    /** Polls every stage until all hold what they must, or the timeout; returns whether they all did. */
    private boolean awaitFlow(DemoObserver observer, LoadRun load) {
        Instant deadline = Instant.now().plus(options.timeout);
        Instant nextProgress = Instant.now();
        boolean faultsOn = load != null;
        while (true) {
            observer.observe();
            if (faultsOn && observer.emulatorComplete()) {
                load.endFaults();
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
                console.progress("Timed out after %d s waiting for the events to flow through%s",
                        options.timeout.toSeconds(), observer.unreadable().isEmpty() ? ""
                                : "; could not read " + observer.unreadable());
                if (faultsOn) {
                    load.endFaults();
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
