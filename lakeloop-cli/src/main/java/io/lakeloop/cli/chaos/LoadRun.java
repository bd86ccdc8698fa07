package io.lakeloop.cli.chaos;

import io.lakeloop.cli.Console;
import io.lakeloop.cli.LocalStack;
import io.lakeloop.cli.demo.Clickstream;
import io.lakeloop.cli.demo.DemoObserver;
import io.lakeloop.cli.demo.DemoProducer;
import io.lakeloop.cli.demo.EmulatorClient;
import io.lakeloop.cli.demo.LakeTargets;
import io.lakeloop.cli.demo.LiveStream;
import io.lakeloop.cli.demo.ObjectWriteWatch;
import io.lakeloop.cli.demo.PacedProducer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A demo run produced at a steady rate, with or without faults: the producer sends the live clickstream at the pace of
 * its timestamps on its own thread while this one watches the stages and, with a {@link ChaosPlan}, injects each fault
 * after a fault-free baseline, each once the pipeline has drained the previous one. Meanwhile it samples lag and
 * Personalize's call rate and sees every S3 object written; {@link #report} turns it all into the figures.
 */
public final class LoadRun implements AutoCloseable {

    /**
     * After a fault ends, the longest the run waits for the backlog to drain before the next fault (shorter with
     * {@code -Dlakeloop.demo.settle}: the integration test lets the faults follow one another closely).
     */
    static final Duration SETTLE = ChaosPlan.length("lakeloop.demo.settle", Duration.ofSeconds(60));
    /** Personalize counts as caught up when it holds everything sent this long ago. */
    static final Duration PERSONALIZE_DELAY = Duration.ofSeconds(2);
    /** The lake counts as caught up when it holds everything sent this long ago (its sink rotates every 10 s). */
    static final Duration LAKE_DELAY = Duration.ofSeconds(30);

    private final LocalStack stack;
    private final Clickstream started;
    private final DemoObserver observer;
    private final ChaosPlan plan;
    private final Console console;
    private final ObservingWait wait;
    private final PacedProducer producer;
    private final ObjectWriteWatch watch;
    private final RunSampler sampler;
    private final FaultActions actions;
    private final Backlog backlog;
    private final List<FaultWindow> faults = new ArrayList<>();
    private final Map<String, String> failed = new java.util.LinkedHashMap<>();
    private final Map<String, String> skipped = new java.util.LinkedHashMap<>();

    /**
     * @param started the run's (empty) stream: its run id and day
     * @param source  the live stream, stamped from {@code from} on
     * @param plan    the faults, or null for a run at a steady rate without any
     * @param groups  the consumer groups whose lag the figures give
     */
    public LoadRun(LocalStack stack, Clickstream started, LiveStream source, Instant from, DemoObserver observer,
                   DemoProducer producer, LakeTargets targets, ChaosPlan plan, List<String> groups, Console console) {
        this.stack = Objects.requireNonNull(stack, "stack");
        this.started = Objects.requireNonNull(started, "started");
        this.observer = Objects.requireNonNull(observer, "observer");
        this.plan = plan;
        this.console = Objects.requireNonNull(console, "console");
        this.producer = new PacedProducer(producer, source, from);
        this.wait = new ObservingWait(observer, console, this::sentSoFar);
        String lakePrefix = targets.lakePrefix(started.day()).replaceFirst("dt=.*$", "");
        this.watch = new ObjectWriteWatch(Map.of(stack.bucketFolder(targets.upstreamBucket()),
                targets.upstreamBucket(), stack.bucketFolder(targets.lakeBucket()), targets.lakeBucket()),
                (bucket, key) -> bucket.equals(targets.lakeBucket()) ? key.startsWith(lakePrefix)
                        : key.startsWith(targets.upstreamPrefix()));
        String emulatorUrl = stack.endpoint(LocalStack.EMULATOR);
        this.sampler = new RunSampler(new LagProbe(stack.endpoint(LocalStack.BROKER), groups),
                new EmulatorClient(emulatorUrl));
        this.actions = new FaultActions(stack, new EmulatorClient(emulatorUrl), wait, console);
        this.backlog = new Backlog(this.producer, observer);
    }

    /**
     * Produces the live stream at its pace, injecting the plan's faults meanwhile. With faults, production stops
     * {@link ChaosPlan#TAIL} after the last one has drained unless {@code wholeStream} (a stream of a fixed number of
     * events); returns what was produced.
     */
    public Clickstream produce(boolean wholeStream) {
        sampler.start();
        if (plan != null && plan.throttleWholeRun()) {
            actions.throttleWholeRun();
        }
        observer.markStart();
        producer.start();
        console.progress("Producing the live stream at the pace of its timestamps%s",
                plan == null ? "" : "; chaos: " + plan);
        boolean timeline = plan != null && !plan.steps().isEmpty();
        if (timeline) {
            wait.until(ChaosPlan.WARM_UP.plus(ChaosPlan.BASELINE), producer::done);
            for (Scenario step : plan.steps()) {
                String unusable = actions.unusableFor(step);
                if (unusable != null) {
                    skipped.put(step.wireName(), unusable);
                    console.progress("Chaos: %s SKIPPED, the stack cannot run it: %s", step.wireName(), unusable);
                    continue;
                }
                if (producer.done()) {
                    console.progress("WARNING: the stream ended before %s, which runs without load", step.wireName());
                }
                FaultWindow window = inject(step);
                faults.add(window);
                long lagFloor = eventsSentBetween(window.startMs() - Recovery.LAG_FLOOR_MS, window.startMs());
                boolean settled = wait.until(SETTLE.plus(step.faultLength()), () -> settled(window, lagFloor));
                console.progress(settled ? "Chaos: %s drained %.1f s after the fault ended"
                                : "Chaos: %s not drained %.0f s after the fault ended; going on", step.wireName(),
                        (System.currentTimeMillis() - window.endMs()) / 1000.0);
            }
            wait.until(ChaosPlan.TAIL, producer::done);
        }
        if (timeline && !wholeStream) {
            producer.stop();
        } else {
            wait.until(Duration.ofDays(1), producer::done);
            producer.awaitDone(Duration.ofMinutes(3));
        }
        console.progress("Produced %d records", producer.sent());
        return new Clickstream(started.runId(), started.day(), producer.records());
    }

    /**
     * Injects one fault; when it fails (a process not restarted in time, a REST API not answering), the failure is
     * the slot's outcome and the run goes on, unless the stack is being stopped.
     */
    private FaultWindow inject(Scenario step) {
        long start = System.currentTimeMillis();
        try {
            return actions.inject(step, this::drained);
        } catch (RuntimeException e) {
            if (stack.supervisor().closing()) {
                throw e;
            }
            String message = String.valueOf(e.getMessage());
            String reason = message.lines().findFirst().orElse(e.getClass().getSimpleName());
            failed.put(step.wireName(), reason);
            console.progress("Chaos: %s FAILED after %.1f s: %s; going on", step.wireName(),
                    (System.currentTimeMillis() - start) / 1000.0, message);
            return new FaultWindow(step, start, System.currentTimeMillis(), Map.of("failed", reason));
        }
    }

    /** Scenarios whose injection failed, with why (the run's exit status is then 1). */
    public Map<String, String> failedScenarios() {
        return java.util.Collections.unmodifiableMap(failed);
    }

    /** Scenarios not run because the stack could not run them after an earlier failure, with why. */
    public Map<String, String> skippedScenarios() {
        return java.util.Collections.unmodifiableMap(skipped);
    }

    /** The progress line's prefix: how much was sent. */
    String sentSoFar() {
        return "sent " + producer.sent() + " records";
    }

    /**
     * Drained (both ends hold what was sent before the fault's end and long enough ago) and every consumer group's lag
     * back by the measure of {@link Recovery}: the next fault must not cut a slot before its recovery could be seen
     * (the S3 sinks' lag comes back only as their objects complete, after the events themselves have landed).
     */
    private boolean settled(FaultWindow window, long lagFloor) {
        long now = System.currentTimeMillis();
        return now >= window.endMs() + 5000 && drained(window.endMs())
                && Recovery.lag(window, lagFloor, sampler.samples(), Long.MAX_VALUE) != null;
    }

    /** Events (not records) handed to the producer in [fromMs, toMs), as {@link EventTimings} counts them. */
    private long eventsSentBetween(long fromMs, long toMs) {
        long events = 0;
        for (int i = producer.sent() - 1; i >= 0; i--) {
            long at = producer.sentAtMs(i);
            if (at < fromMs) {
                break; // records are sent in order
            }
            if (at < toMs) {
                events += producer.record(i).events().size();
            }
        }
        return events;
    }

    /** Both ends hold everything sent before {@code sinceMs} and everything sent long enough ago. */
    private boolean drained(long sinceMs) {
        long now = System.currentTimeMillis();
        return backlog.personalizeHasAllSentBefore(Math.max(sinceMs, now - PERSONALIZE_DELAY.toMillis()))
                && backlog.lakeHasAllSentBefore(Math.max(sinceMs, now - LAKE_DELAY.toMillis()));
    }

    /** Ends Personalize throttling that lasted the whole run (once it holds every event). */
    public void endFaults() {
        if (plan != null && plan.throttleWholeRun()) {
            actions.stopThrottling();
        }
    }

    /** The figures, once everything has flowed through. */
    public LoadReport report(double offeredPerSecond, int quotaPerSecond) {
        sampler.close();
        // a run without faults has a warm-up too when it is long enough to leave a baseline at least as long after it
        int sent = producer.sent();
        long produced = sent == 0 ? 0 : producer.sentAtMs(sent - 1) - producer.startMs();
        boolean warmUp = plan != null || produced >= 2 * ChaosPlan.WARM_UP.toMillis();
        long warmUpEnd = producer.startMs() + (warmUp ? ChaosPlan.WARM_UP.toMillis() : 0);
        return LoadReport.of(new LoadReport.Inputs(producer, warmUpEnd, observer.accepted(),
                observer.lakeKeys(), observer.lakeBucket(), watch, faults, sampler.samples(),
                plan != null && plan.throttleWholeRun(), offeredPerSecond, quotaPerSecond));
    }

    /** What was injected, for the report. */
    public List<FaultWindow> faults() {
        return List.copyOf(faults);
    }

    @Override
    public void close() {
        producer.close();
        sampler.close();
        watch.close();
    }
}
