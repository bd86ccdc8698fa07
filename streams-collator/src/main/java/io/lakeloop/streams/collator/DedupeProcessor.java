package io.lakeloop.streams.collator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Processor {@value CollatorTopology#DEDUPE}: forwards the first copy of each event to the lake sink and drops the
 * others that arrive within the retention. The store {@value CollatorTopology#DEDUPE_STORE} is a persistent window
 * store keyed by {@code <length of USER_ID>:<USER_ID><EVENT_ID>} (length-prefixed, so no pair of ids can
 * collide with another) at the record timestamp; its segments expire with stream time, so the store holds
 * one retention's worth of ids and no punctuator is needed. It is changelogged, so under exactly-once a restart or a
 * crash restores exactly the ids whose output was committed. Record timestamps never run ahead of the collator's
 * clock ({@link CollateProcessor}), so no record can expire the store early.
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
    private WindowStore<String, Long> seen;

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
        String key = storeKey(event.userId(), event.eventId());
        long ts = record.timestamp();
        try (WindowStoreIterator<Long> copies = seen.fetch(key, Math.max(0, ts - retentionMs), ts + retentionMs)) {
            if (copies.hasNext()) {
                metrics.duplicateDropped();
                return;
            }
        }
        seen.put(key, ts, ts);
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

    static String storeKey(String userId, String eventId) {
        return userId.length() + ":" + userId + eventId;
    }
}
