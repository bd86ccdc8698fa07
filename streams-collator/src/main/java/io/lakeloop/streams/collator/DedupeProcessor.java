package io.lakeloop.streams.collator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.WindowStore;

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
 * <p>The key includes the user because the store is partitioned by user (see {@code collator.dedupe.repartition}):
 * the same id under two users is two events, deterministically.
 *
 * <p>It also writes dead letters: an internal repartition record that could not be read ({@code CollatedSerde}), and
 * a row the lake topic refused before ({@link OutputGuard}).
 */
final class DedupeProcessor implements Processor<String, Collated, Object, Object> {

    private final long retentionMs;
    private final CollatorMetrics metrics;
    private final DeadLetterRecords deadLetters;
    private final OutputGuard guard;
    private final String lakeTopic;
    private ProcessorContext<Object, Object> context;
    private WindowStore<Bytes, Long> seen;

    DedupeProcessor(Duration retention, CollatorMetrics metrics, DeadLetterRecords deadLetters, OutputGuard guard,
                    String lakeTopic) {
        this.retentionMs = retention.toMillis();
        this.metrics = metrics;
        this.deadLetters = deadLetters;
        this.guard = guard;
        this.lakeTopic = lakeTopic;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.seen = context.getStateStore(CollatorTopology.DEDUPE_STORE);
    }

    @Override
    public void process(Record<String, Collated> record) {
        if (record.value() instanceof DeadLetter dead) {
            deadLetter(dead, record);
            return;
        }
        CollatedEvent event = (CollatedEvent) record.value();
        // encoded once for the three lookups and the put (a String key would be encoded for each)
        Bytes key = Bytes.wrap(storeKey(event.userId(), event.eventId()).getBytes(StandardCharsets.UTF_8));
        long ts = record.timestamp();
        long bucket = bucketOf(ts, retentionMs);
        if (seenWithin(key, ts, bucket) || seenWithin(key, ts, bucket - retentionMs)
                || seenWithin(key, ts, bucket + retentionMs)) {
            metrics.duplicateDropped();
            return;
        }
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
        if (bucket < 0) {
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
