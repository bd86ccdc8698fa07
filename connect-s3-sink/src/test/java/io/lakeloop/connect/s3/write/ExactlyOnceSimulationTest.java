package io.lakeloop.connect.s3.write;

import static io.lakeloop.connect.s3.TestRecords.config;
import static io.lakeloop.connect.s3.TestRecords.lines;
import static io.lakeloop.connect.s3.TestRecords.numbered;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakeloop.connect.s3.TestRecords.MutableClock;
import io.lakeloop.connect.s3.config.S3SinkConfig;
import io.lakeloop.connect.s3.format.RecordFormat;
import io.lakeloop.connect.s3.key.RecordTime;
import io.lakeloop.connect.s3.metrics.SinkMetrics;
import io.lakeloop.connect.s3.storage.InMemoryObjectStore;
import io.lakeloop.connect.s3.storage.StoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Connect's contract simulated around the real writer: batches, preCommit at random points, redelivery after
 * transient failures, and crashes (a failed S3 call at a random step, or the task simply vanishing) followed by a
 * new task replaying from the last committed offsets. Whatever happens, every record is in exactly one object.
 */
class ExactlyOnceSimulationTest {

    private static final String TOPIC = "events";
    private static final int PARTITIONS = 3;
    private static final int PER_PARTITION = 400;

    private final MutableClock clock = new MutableClock(1_700_000_000_000L);

    @ParameterizedTest(name = "seed {0}, time.source={1}, compression={2}, part size {3}")
    @CsvSource({
            "1, wallclock, gzip, 5242880",
            "2, record, gzip, 5242880",
            "3, wallclock, none, 300",
            "4, record, none, 300",
            "5, wallclock, none, 200",
            "6, record, gzip, 5242880",
            "7, wallclock, zstd, 300",
            "8, record, zstd, 5242880"})
    void everyRecordLandsExactlyOnceThroughCrashesAndRetries(long seed, String timeSource, String compression,
                                                             int partSize) {
        Random rnd = new Random(seed);
        InMemoryObjectStore store = new InMemoryObjectStore();
        S3SinkConfig cfg = new S3SinkConfig(config("time.source", timeSource, "compression", compression,
                "s3.key.layout", "custom",
                "s3.key.template", "x/{yyyy}{MM}{dd}{HH}{mm}/{topic}+{partition}+{start_offset}",
                "rotate.records", "13", "rotate.schedule.interval.ms", "5000", "rotate.interval.ms", "60000"));
        List<SinkRecord> all = interleaved(rnd);
        Map<TopicPartition, Long> committed = new HashMap<>();
        AtomicInteger injected = new AtomicInteger();
        int tasks = 0;
        boolean finished = false;
        while (!finished) {
            tasks++;
            assertThat(tasks).as("tasks started").isLessThan(200);
            Map<TopicPartition, Long> seeks = new HashMap<>();
            TaskWriter w = writer(cfg, store, partSize, seeks);
            w.open(partitions());
            Map<TopicPartition, Long> position = new HashMap<>(committed);
            List<SinkRecord> todo = from(all, position);
            store.failWhen(op -> !op.equals("GetObject") && injected.get() < 150 && rnd.nextInt(15) == 0
                    && injected.incrementAndGet() > 0);
            boolean transientFailures = rnd.nextBoolean();
            if (!transientFailures) {
                store.failFatallyWhen(op -> injected.get() < 150 && rnd.nextInt(20) == 0 && injected.incrementAndGet() > 0);
            }
            try {
                int i = 0;
                boolean redelivery = false;
                while (i < todo.size()) {
                    List<SinkRecord> batch = todo.subList(i, Math.min(todo.size(), i + 1 + rnd.nextInt(25)));
                    if (!deliver(w, batch, redelivery)) {
                        redelivery = true;
                        continue; // Connect redelivers the same batch after the backoff
                    }
                    redelivery = false;
                    i += batch.size();
                    for (SinkRecord r : batch) {
                        position.put(tp(r), r.kafkaOffset() + 1);
                    }
                    if (!seeks.isEmpty()) { // Connect's rewind: the consumer continues from the asked offsets
                        position.putAll(seeks);
                        seeks.clear();
                        todo = from(all, position);
                        i = 0;
                    }
                    clock.advance(rnd.nextInt(1500));
                    if (rnd.nextInt(3) == 0) {
                        commit(w, committed);
                    }
                    if (tasks < 40 && rnd.nextInt(30) == 0) {
                        throw new IllegalStateException("worker killed");
                    }
                }
                store.heal();
                clock.advance(60_000);
                w.rotateDue();
                commit(w, committed);
                finished = true;
            } catch (StoreException | IllegalStateException crash) {
                // the task is gone with whatever it held; a new one starts from the committed offsets, minutes
                // later: with time.source=wallclock the replayed records get other keys than the first time
                clock.advance(120_000);
            }
        }
        List<String> landed = lines(store, compression.equals("gzip"));
        List<String> expected = all.stream().map(r -> (String) r.value()).toList();
        assertThat(landed).hasSize(expected.size()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(committed).allSatisfy((tp, offset) -> assertThat(offset).isEqualTo(PER_PARTITION));
        assertThat(tasks).as("the run did crash and restart").isGreaterThan(1);
        assertThat(injected.get()).isGreaterThan(0);
    }

    /** What the consumer delivers from {@code position} on, in the log's interleaved order. */
    private static List<SinkRecord> from(List<SinkRecord> all, Map<TopicPartition, Long> position) {
        return all.stream().filter(r -> r.kafkaOffset() >= position.getOrDefault(tp(r), 0L)).toList();
    }

    /** One put(): false when a transient failure asks for redelivery. */
    private static boolean deliver(TaskWriter w, List<SinkRecord> batch, boolean redelivery) {
        try {
            w.newPut(redelivery);
            w.resume();
            for (SinkRecord r : batch) {
                w.write(r, null);
            }
            w.rotateDue();
            return true;
        } catch (StoreException e) {
            if (e.transientFailure()) {
                return false;
            }
            throw e;
        }
    }

    private static void commit(TaskWriter w, Map<TopicPartition, Long> committed) {
        try {
            w.resume();
            w.rotateDue();
        } catch (StoreException e) {
            if (!e.transientFailure()) {
                throw e;
            }
        }
        w.committableOffsets().forEach((tp, o) -> committed.put(tp, o.offset()));
    }

    private TaskWriter writer(S3SinkConfig cfg, InMemoryObjectStore store, int partSize,
                              Map<TopicPartition, Long> seeks) {
        TaskWriter base = TaskWriter.create(cfg, store, clock, seeks::put);
        base.metrics().close(); // only its settings are used
        WriterSettings s = base.settings();
        WriterSettings small = new WriterSettings(s.extension(), s.contentType(), s.header(), s.gzipLevel(), partSize,
                s.policy(), s.statePrefix(), s.connector());
        MemoryBudget budget = new MemoryBudget(cfg.memoryBudget());
        return new TaskWriter(store, small, RecordFormat.of(cfg), cfg.keyTemplate(),
                new RecordTime(cfg.timeSource(), cfg.timeField(), clock), cfg.timeZone(), budget,
                SinkMetrics.start(cfg.connectorName(), cfg.taskIndex(), Duration.ZERO, null, budget::used, budget.limit()),
                clock, seeks::put);
    }

    private List<SinkRecord> interleaved(Random rnd) {
        List<SinkRecord> out = new ArrayList<>();
        long[] next = new long[PARTITIONS];
        long ts = clock.millis();
        while (out.size() < PARTITIONS * PER_PARTITION) {
            int p = rnd.nextInt(PARTITIONS);
            if (next[p] < PER_PARTITION) {
                ts += rnd.nextInt(800);
                out.add(numbered(TOPIC, p, next[p]++, ts));
            }
        }
        return out;
    }

    private static List<TopicPartition> partitions() {
        List<TopicPartition> tps = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            tps.add(new TopicPartition(TOPIC, p));
        }
        return tps;
    }

    private static TopicPartition tp(SinkRecord r) {
        return new TopicPartition(r.topic(), r.kafkaPartition());
    }
}
