package io.lakeloop.streams.collator;

import java.time.Duration;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Processor {@value CollatorTopology#DEDUPE}: forwards the first copy of each event and drops the others that arrive
 * within the retention. The store {@value CollatorTopology#DEDUPE_STORE} is a persistent window store keyed by
 * {@code <length of USER_ID>:<USER_ID><EVENT_ID>} (length-prefixed, so no pair of ids can
 * collide with another) at the record timestamp; its segments expire with stream time, so the store holds
 * one retention's worth of ids and no punctuator is needed. It is changelogged, so under exactly-once a restart or a
 * crash restores exactly the ids whose output was committed.
 *
 * <p>The key includes the user because the store is partitioned by user (see {@code collator.dedupe.repartition}):
 * the same id under two users is two events, deterministically.
 */
final class DedupeProcessor implements Processor<String, CollatedEvent, String, String> {

    private final long retentionMs;
    private final CollatorMetrics metrics;
    private ProcessorContext<String, String> context;
    private WindowStore<String, Long> seen;

    DedupeProcessor(Duration retention, CollatorMetrics metrics) {
        this.retentionMs = retention.toMillis();
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, String> context) {
        this.context = context;
        this.seen = context.getStateStore(CollatorTopology.DEDUPE_STORE);
    }

    @Override
    public void process(Record<String, CollatedEvent> record) {
        CollatedEvent event = record.value();
        String key = storeKey(event.userId(), event.eventId());
        long ts = record.timestamp();
        try (WindowStoreIterator<Long> copies = seen.fetch(key, Math.max(0, ts - retentionMs), ts + retentionMs)) {
            if (copies.hasNext()) {
                metrics.duplicateDropped();
                return;
            }
        }
        seen.put(key, ts, ts);
        metrics.eventOut();
        context.forward(new Record<>(event.userId(), event.rowJson(), ts, record.headers()));
    }

    static String storeKey(String userId, String eventId) {
        return userId.length() + ":" + userId + eventId;
    }
}
