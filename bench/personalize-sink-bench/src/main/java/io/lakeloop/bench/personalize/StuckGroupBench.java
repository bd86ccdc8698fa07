package io.lakeloop.bench.personalize;

import io.lakeloop.connect.personalize.PersonalizeSinkTask;
import io.lakeloop.connect.personalize.client.CallFactory;
import io.lakeloop.emulator.FaultSettings;
import io.lakeloop.emulator.Operation;
import io.lakeloop.emulator.PersonalizeEmulator;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.sink.SinkRecord;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Memory of one task while one group is stuck — every call of user {@code stuck} answered 503 and retried for the
 * whole run (retry.deadline.ms far beyond it) — and every other group flows at 9,000 events/s, fed the way Connect
 * feeds a task (polls of 500, preCommit every second) from one partition, so that every record behind the stuck one
 * stays uncommitted. Every 10 s it prints the live heap (after a full GC), the records and bytes the task holds, and
 * the events Personalize (the emulator, same JVM, keeping only its last 1,000 records) accepted. Run it under
 * {@code -Xmx512m}; an OutOfMemoryError is reported as the outcome, not thrown.
 *
 * <p>Run: {@code java -Xmx512m -Dsun.net.httpserver.nodelay=true -cp personalize-sink-bench.jar
 * io.lakeloop.bench.personalize.StuckGroupBench [seconds] [events/s]} (defaults 120 and 9000). Only API present
 * before and after the memory fix is used, so the same class measures both (see stuck-group.sh).
 */
public final class StuckGroupBench {

    private static final String TOPIC = "interactions";
    private static final TopicPartition TP = new TopicPartition(TOPIC, 0);
    private static final int POLL = 500;
    private static final int STUCK_EVERY = 1000;
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private StuckGroupBench() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 120;
        double rate = args.length > 1 ? Double.parseDouble(args[1]) : 9_000;
        try (PersonalizeEmulator emulator = PersonalizeEmulator.builder().port(0).threads(128)
                .credentials("AKIDBENCH", "bench-secret").maxRecordsPerOperation(1_000)
                .faults(FaultSettings.none().withLatency(25, 0, FaultSettings.LatencyDistribution.UNIFORM))
                .build().start()) {
            run(emulator, seconds, rate);
        }
        System.exit(0);
    }

    private static void run(PersonalizeEmulator emulator, int seconds, double rate) {
        AtomicLong stuckCalls = new AtomicLong();
        CallFactory stuckGroup = config -> {
            CallFactory.Opened real = CallFactory.sdk().open(config);
            return new CallFactory.Opened(batch -> {
                if ("stuck".equals(batch.key().userId())) {
                    stuckCalls.incrementAndGet();
                    throw AwsServiceException.builder().statusCode(503).awsErrorDetails(AwsErrorDetails.builder()
                            .errorCode("ServiceUnavailableException").build()).build();
                }
                real.call().send(batch);
            }, real.resource());
        };
        PersonalizeSinkTask task = new PersonalizeSinkTask(stuckGroup);
        task.initialize(BenchContext.of(Set.of(TP)));
        task.start(props(emulator));
        System.out.printf("| t (s) | fed | accepted by Personalize | live heap after GC (MiB) | records held "
                + "(BufferedRecords) | committable offset | stuck calls |%n|---|---|---|---|---|---|---|%n");
        long start = System.nanoTime();
        long nextCommit = start + TimeUnit.SECONDS.toNanos(1);
        long nextSample = start + TimeUnit.SECONDS.toNanos(10);
        long total = (long) (seconds * rate);
        long committed = 0;
        long maxLive = 0;
        String outcome = "completed";
        try {
            for (long from = 0; from < total; from += POLL) {
                LockSupport.parkNanos(start + (long) (from / rate * 1e9) - System.nanoTime());
                task.put(poll(from, Math.min(total, from + POLL)));
                long now = System.nanoTime();
                if (now - nextCommit > 0) {
                    committed = task.preCommit(Map.of(TP, new OffsetAndMetadata(from))).get(TP).offset();
                    nextCommit = now + TimeUnit.SECONDS.toNanos(1);
                }
                if (now - nextSample > 0) {
                    maxLive = Math.max(maxLive, sample(task, emulator, start, from, committed, stuckCalls));
                    nextSample = now + TimeUnit.SECONDS.toNanos(10);
                }
            }
            maxLive = Math.max(maxLive, sample(task, emulator, start, total, committed, stuckCalls));
        } catch (OutOfMemoryError e) {
            outcome = "OutOfMemoryError after " + (System.nanoTime() - start) / 1_000_000_000 + " s";
        }
        System.out.printf("%noutcome: %s; max live heap after GC %d MiB of %d MiB; %s%n", outcome, maxLive,
                MEMORY.getHeapMemoryUsage().getMax() >> 20, task.metrics().summary());
        System.out.println("java " + System.getProperty("java.version") + ", " + Runtime.getRuntime()
                .availableProcessors() + " cpus, load average at the end "
                + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static long sample(PersonalizeSinkTask task, PersonalizeEmulator emulator, long start, long fed,
                               long committed, AtomicLong stuckCalls) {
        System.gc();
        long live = MEMORY.getHeapMemoryUsage().getUsed() >> 20;
        System.out.printf("| %d | %,d | %,d | %d | %,d | %,d | %d |%n", (System.nanoTime() - start) / 1_000_000_000,
                fed, emulator.stats().snapshot().acceptedRecords(Operation.PUT_EVENTS), live,
                (long) task.metrics().value("buffered-records"), committed, stuckCalls.get());
        return live;
    }

    /** Sessions of ten events, each its own user; every 1,000th event is the stuck user's (one session). */
    private static List<SinkRecord> poll(long from, long to) {
        long appended = System.currentTimeMillis();
        List<SinkRecord> poll = new ArrayList<>((int) (to - from));
        for (long i = from; i < to; i++) {
            boolean stuck = i % STUCK_EVERY == 0;
            String user = stuck ? "stuck" : "u" + (i / 10);
            String session = stuck ? "stuck-session" : "s" + (i / 10) % 1000;
            String value = "{\"user_id\":\"" + user + "\",\"session_id\":\"" + session + "\",\"item_id\":\"i"
                    + i + "\",\"event_type\":\"click\",\"timestamp\":" + (1_700_000_000L + i % 86_400)
                    + ",\"properties\":{\"page\":\"/catalog/shoes/" + i % 997 + "\",\"ref\":\"campaign-" + i % 31
                    + "\"}}";
            poll.add(new SinkRecord(TOPIC, 0, null, user, null, value, i, appended, TimestampType.LOG_APPEND_TIME));
        }
        return poll;
    }

    private static Map<String, String> props(PersonalizeEmulator emulator) {
        Map<String, String> p = new HashMap<>();
        p.put("name", "stuck-group-bench");
        p.put("personalize.tracking.id", "bench-stuck");
        p.put("aws.region", "us-east-1");
        p.put("aws.endpoint", emulator.endpoint().toString());
        p.put("aws.credentials.provider", "static");
        p.put("aws.access.key.id", "AKIDBENCH");
        p.put("aws.secret.access.key", "bench-secret");
        p.put("batch.linger.ms", "5");
        p.put("retry.deadline.ms", "3600000");
        p.put("retry.backoff.max.ms", "2000");
        return p;
    }
}
