package io.lakeloop.streams.collator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processor {@value CollatorTopology#DEDUPE}: forwards the first copy of each event to the lake sink and drops the
 * copies whose record time lies within the retention of the first's.
 *
 * <p>The store {@value CollatorTopology#DEDUPE_STORE} is a persistent window store keyed by
 * {@code <length of USER_ID>:<USER_ID><EVENT_ID>} (length-prefixed, so no pair of ids can collide with another). An
 * event is remembered in the <em>bucket</em> of its record time — windows of one retention, aligned to the epoch —
 * with its record time as the value. A copy can only have been remembered in its own bucket or a neighbour, so the
 * check is three point lookups (RocksDB {@code get}s, which its bloom filters answer without reading data when the
 * event is new, as almost every event is), never a range scan over the store's segments; the remembered time then
 * decides exactly: a duplicate is a copy within the retention. The store retains two buckets, so segments expire
 * with stream time and no punctuator is needed. It is changelogged, so under exactly-once a restart or a crash
 * restores exactly the ids whose output was committed. Record timestamps never run ahead of the collator's clock
 * ({@link CollateProcessor}), so no record can expire the store early.
 *
 * <p>In front of the store, {@link SeenFilters} (one in-heap Bloom filter per bucket, {@code
 * collator.dedupe.filter.memory.bytes}) answers "never seen" for a new event without any store lookup; only a
 * "maybe" goes to the store, which decides exactly, so the filters change the cost and never the result. They are
 * filled from the whole store in {@link #init}, which Kafka Streams calls whenever the task starts processing — after
 * the store was restored from its changelog (first start, a crash, a rebalance, a task revived after an aborted
 * transaction or {@code TaskCorruptedException}, whose store is wiped and restored to the committed state under
 * exactly-once) — and with every key before it is put. A filter may hold keys the store lost (an aborted
 * transaction): a false "maybe", checked against the store; it never lacks a key the store holds.
 *
 * <p>The key includes the user because the store is partitioned by user (see {@code collator.dedupe.repartition}):
 * the same id under two users is two events, deterministically.
 *
 * <p>It also writes dead letters: an internal repartition record that could not be read ({@code CollatedSerde}), and
 * a row the lake topic refused before ({@link OutputGuard}).
 */
final class DedupeProcessor implements Processor<String, Collated, Object, Object> {

    private static final Logger LOG = LoggerFactory.getLogger(DedupeProcessor.class);

    private final long retentionMs;
    private final CollatorMetrics metrics;
    private final DeadLetterRecords deadLetters;
    private final OutputGuard guard;
    private final String lakeTopic;
    private ProcessorContext<Object, Object> context;
    private WindowStore<Bytes, Long> seen;
    private final SeenFilters filters;

    /** @param filterBytes the size of each of the task's Bloom filters; 0 = none, every lookup asks the store */
    DedupeProcessor(Duration retention, long filterBytes, CollatorMetrics metrics, DeadLetterRecords deadLetters,
                    OutputGuard guard, String lakeTopic) {
        this.retentionMs = retention.toMillis();
        this.filters = new SeenFilters(retentionMs, filterBytes);
        this.metrics = metrics;
        this.deadLetters = deadLetters;
        this.guard = guard;
        this.lakeTopic = lakeTopic;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.seen = context.getStateStore(CollatorTopology.DEDUPE_STORE);
        fillFilters();
    }

    /** Forgets the filters and fills them again from every id the store holds now (a task's start or restart). */
    private void fillFilters() {
        filters.clear();
        if (!filters.enabled()) {
            return;
        }
        long start = System.nanoTime();
        long ids = 0;
        try (KeyValueIterator<Windowed<Bytes>, Long> all = seen.all()) {
            while (all.hasNext()) {
                KeyValue<Windowed<Bytes>, Long> entry = all.next();
                filters.add(entry.key.window().start(), entry.key.key().get());
                ids++;
            }
        }
        LOG.info("task {}: dedupe filters filled from the {} ids of its store in {} ms ({} filters, {} bytes of heap)",
                context.taskId(), ids, (System.nanoTime() - start) / 1_000_000, filters.filters(), filters.heapBytes());
    }

    @Override
    public void close() {
        filters.clear();
    }

    @Override
    public void process(Record<String, Collated> record) {
        if (record.value() instanceof DeadLetter dead) {
            deadLetter(dead, record);
            return;
        }
        CollatedEvent event = (CollatedEvent) record.value();
        // encoded once for the filters, the three lookups and the put (a String key would be encoded for each)
        byte[] keyBytes = storeKey(event.userId(), event.eventId()).getBytes(StandardCharsets.UTF_8);
        Bytes key = Bytes.wrap(keyBytes);
        long ts = record.timestamp();
        long bucket = bucketOf(ts, retentionMs);
        if (seenWithin(key, ts, bucket) || seenWithin(key, ts, bucket - retentionMs)
                || seenWithin(key, ts, bucket + retentionMs)) {
            metrics.duplicateDropped();
            return;
        }
        filters.add(bucket, keyBytes); // before the put: a filter is never behind the store
        seen.put(key, ts, bucket);
        if (guard.anyRefused()) {
            byte[] user = event.userId().getBytes(StandardCharsets.UTF_8);
            byte[] row = event.rowJson().getBytes(StandardCharsets.UTF_8);
            String refusal = guard.refusal(lakeTopic, user, row);
            if (refusal != null) {
                deadLetter(DeadLetterRecords.refusedRow(user, row, refusal), record);
                return;
            }
        }
        metrics.eventOut();
        context.forward(new Record<>(event.userId(), event.rowJson(), ts, record.headers()), CollatorTopology.LAKE_SINK);
    }

    private void deadLetter(DeadLetter dead, Record<String, Collated> record) {
        RecordMetadata source = context.recordMetadata().orElse(null);
        context.forward(deadLetters.toRecord(dead, record.headers(), source == null ? null : source.topic(),
                source == null ? -1 : source.partition(), source == null ? -1 : source.offset(), record.timestamp(),
                record.timestamp()), CollatorTopology.DEDUPE_DLQ_SINK);
    }

    private boolean seenWithin(Bytes key, long ts, long bucket) {
        if (bucket < 0 || !filters.mayHold(bucket, key.get())) {
            return false;
        }
        Long first = seen.fetch(key, bucket);
        return first != null && Math.abs(ts - first) <= retentionMs;
    }

    /** The start of the retention-long window, aligned to the epoch, that holds {@code ts}. */
    static long bucketOf(long ts, long retentionMs) {
        return ts - Math.floorMod(ts, retentionMs);
    }

    static String storeKey(String userId, String eventId) {
        return userId.length() + ":" + userId + eventId;
    }
}
