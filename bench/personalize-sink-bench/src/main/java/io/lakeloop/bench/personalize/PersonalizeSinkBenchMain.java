package io.lakeloop.bench.personalize;

import io.lakeloop.connect.personalize.PersonalizeSinkTask;
import io.lakeloop.connect.personalize.client.CallFactory;
import io.lakeloop.connect.personalize.client.Entry;
import io.lakeloop.emulator.FaultSettings;
import io.lakeloop.emulator.PersonalizeEmulator;
import io.lakeloop.emulator.RecordedEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Events/s of one {@link PersonalizeSinkTask} against the Personalize emulator with 25 ms added latency and its
 * PutEvents quota (1,000 calls/s per tracker, so at most 10,000 events/s): batchable traffic (sessions of 10+ events),
 * unbatchable traffic (one event per session) and the same connector at batch 1 / in-flight 1, i.e. what a
 * one-call-per-record connector does. The task is driven as Connect drives it (put in polls of 500, preCommit
 * every second). Latency is from the record's timestamp (set when it is handed to put, i.e. "appended") to the
 * moment Personalize's 200 arrives. Prints a Markdown table. Never fails on timing.
 *
 * <p>Run: {@code java -Dsun.net.httpserver.nodelay=true -jar bench/personalize-sink-bench/target/personalize-sink-bench.jar}
 * (optional argument: a scale factor for the event counts, default 1).
 */
public final class PersonalizeSinkBenchMain {

    private static final String TOPIC = "interactions";
    private static final TopicPartition TP = new TopicPartition(TOPIC, 0);
    private static final int POLL = 500;

    private final PersonalizeEmulator emulator;
    private int run;

    private PersonalizeSinkBenchMain(PersonalizeEmulator emulator) {
        this.emulator = emulator;
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        double scale = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        int inFlight = Integer.getInteger("bench.inflight", 32);
        try (PersonalizeEmulator emulator = PersonalizeEmulator.builder().port(0).threads(256)
                .credentials("AKIDBENCH", "bench-secret")
                .faults(FaultSettings.none().withLatency(25, 0, FaultSettings.LatencyDistribution.UNIFORM))
                .build().start()) {
            PersonalizeSinkBenchMain bench = new PersonalizeSinkBenchMain(emulator);
            // the SDK's call path is long: with half a core, C2 needs ~100,000 events before CPU per event settles
            // (measured: ~100 µs/event right after a 20,000-event warm-up, ~25 µs/event once warm)
            bench.measure(new Scenario("warm-up", (int) (150_000 * scale), 10, 10, inFlight, -1, 0));
            List<Result> results = new ArrayList<>();
            results.add(bench.measure(new Scenario("batchable (sessions of 10)", (int) (100_000 * scale), 10, 10,
                    inFlight, -1, 0)));
            results.add(bench.measure(new Scenario("batchable (sessions of 25)", (int) (100_000 * scale), 25, 10,
                    inFlight, -1, 0)));
            results.add(bench.measure(new Scenario("unbatchable (1 event/session)", (int) (10_000 * scale), 1, 10,
                    inFlight, -1, 0)));
            results.add(bench.measure(new Scenario("one call per record (batch 1, in-flight 1)", (int) (400 * scale),
                    10, 1, 1, 0, 0)));
            results.add(bench.measure(new Scenario("batchable, offered 8,000/s", (int) (80_000 * scale), 10, 10, inFlight,
                    -1, 8_000)));
            results.add(bench.measure(new Scenario("batchable, offered 9,500/s", (int) (95_000 * scale), 10, 10,
                    inFlight, -1, 9_500)));
            results.removeIf(java.util.Objects::isNull);
            print(results);
        }
    }

    private Result measure(Scenario s) throws InterruptedException {
        String only = System.getProperty("bench.only");
        if (only != null && !s.name().contains(only) && !s.name().equals("warm-up")) {
            return null;
        }
        String tracker = "bench-" + (++run);
        List<Long> latencies = new ArrayList<>(s.events());
        CountDownLatch allAccepted = new CountDownLatch(1);
        CallFactory timed = config -> {
            CallFactory.Opened real = CallFactory.sdk().open(config);
            return new CallFactory.Opened(batch -> {
                real.call().send(batch);
                long now = System.currentTimeMillis();
                synchronized (latencies) {
                    for (Entry e : batch.entries()) {
                        latencies.add(now - e.origin().record().timestamp());
                    }
                    if (latencies.size() >= s.events()) {
                        allAccepted.countDown();
                    }
                }
            }, real.resource());
        };
        CpuMeter cpu = new CpuMeter();
        PersonalizeSinkTask task = new PersonalizeSinkTask(timed);
        task.initialize(BenchContext.of(Set.of(TP)));
        task.start(props(s, tracker));
        long start = System.nanoTime();
        feed(task, s, start);
        allAccepted.await(); // no polling: a poll loop would cost CPU that a real Connect task does not spend
        double seconds = (System.nanoTime() - start) / 1e9;
        task.preCommit(Map.of(TP, new OffsetAndMetadata(s.events())));
        long calls = task.metrics().total("calls");
        long throttled = task.metrics().total("throttled-calls");
        String summary = task.metrics().summary();
        long[] cpuNanos = cpu.elapsed();
        task.stop();
        long recorded = emulator.recorded().events().stream().filter(e -> tracker.equals(e.trackingId()))
                .map(RecordedEvent::itemId).distinct().count();
        emulator.recorded().clear();
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        Result r = new Result(s, seconds, calls, throttled, percentile(sorted, 0.50), percentile(sorted, 0.99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1], recorded, cpuNanos[0] / 1e3 / s.events(),
                cpuNanos[1] / 1e3 / s.events(), cpuNanos[2] / 1e9 / seconds);
        if (recorded != s.events()) {
            throw new IllegalStateException(s.name() + ": the emulator recorded " + recorded + " of " + s.events());
        }
        System.err.println(r.row() + "  [" + summary + "]");
        return r;
    }

    private static void feed(PersonalizeSinkTask task, Scenario s, long startNanos) {
        long nextCommit = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        for (int from = 0; from < s.events(); from += POLL) {
            if (s.offeredPerSecond() > 0) {
                long due = startNanos + (long) (from / s.offeredPerSecond() * 1e9);
                LockSupport.parkNanos(due - System.nanoTime());
            }
            int to = Math.min(s.events(), from + POLL);
            long appended = System.currentTimeMillis();
            List<SinkRecord> poll = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                int session = i / s.eventsPerSession();
                String value = "{\"user_id\":\"u" + session + "\",\"session_id\":\"s" + session + "\",\"item_id\":\"i"
                        + i + "\",\"event_type\":\"click\",\"timestamp\":" + (1_700_000_000L + i % 86_400) + "}";
                poll.add(new SinkRecord(TOPIC, 0, null, null, null, value, i, appended, TimestampType.LOG_APPEND_TIME));
            }
            task.put(poll);
            if (System.nanoTime() - nextCommit > 0) {
                task.preCommit(Map.of(TP, new OffsetAndMetadata(to)));
                nextCommit = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            }
        }
        task.preCommit(Map.of(TP, new OffsetAndMetadata(s.events())));
    }

    private Map<String, String> props(Scenario s, String tracker) {
        Map<String, String> p = new HashMap<>();
        p.put("name", "bench");
        p.put("personalize.tracking.id", tracker);
        p.put("aws.region", "us-east-1");
        p.put("aws.endpoint", emulator.endpoint().toString());
        p.put("aws.credentials.provider", "static");
        p.put("aws.access.key.id", "AKIDBENCH");
        p.put("aws.secret.access.key", "bench-secret");
        p.put("batch.max.size", Integer.toString(s.batchSize()));
        p.put("batch.linger.ms", "5");
        p.put("max.in.flight.requests", Integer.toString(s.inFlight()));
        p.put("rate.limit.requests.per.second", Double.toString(s.rateLimit()));
        String buffered = System.getProperty("bench.buffered");
        if (buffered != null) {
            p.put("max.buffered.records", buffered);
        }
        return p;
    }

    private static double percentile(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[Math.max(0, (int) Math.ceil(sorted.length * q) - 1)];
    }

    private static void print(List<Result> results) {
        System.out.println("| scenario | events | batch | in flight | feed | events/s | calls | throttled | "
                + "p50 ms | p99 ms | max ms | connector CPU µs/event | emulator CPU µs/event | cores the JVM got |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        results.forEach(r -> System.out.println(r.row()));
        double best = results.stream().filter(r -> r.scenario().eventsPerSession() > 1)
                .mapToDouble(Result::eventsPerSecond).max().orElse(0);
        results.stream().filter(r -> r.scenario().batchSize() == 1).findFirst().ifPresent(one ->
                System.out.printf("%nbest batchable / one-call-per-record = %.0fx; best batchable = %.1f%% of the "
                        + "10,000 events/s ceiling%n", best / one.eventsPerSecond(), best / 100.0));
        System.out.println("java " + System.getProperty("java.version") + ", " + Runtime.getRuntime()
                .availableProcessors() + " cpus, load average at the end "
                + java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
