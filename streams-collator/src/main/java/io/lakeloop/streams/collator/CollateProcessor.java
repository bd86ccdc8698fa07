package io.lakeloop.streams.collator;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Processor {@value CollatorTopology#COLLATE}: runs the {@link EventCollator} on each raw record and forwards one
 * record per lake event (key = USER_ID, no headers; marked to go straight to the dedupe step or through the
 * {@code by-user} repartition, {@link ByUserRouting}) and one per dead letter (as {@link DeadLetterRecords} writes it:
 * the original key, value and headers plus {@link DeadLetterHeaders}).
 *
 * <p>Timestamps: outputs carry the input record's timestamp, but never one ahead of the collator's clock — a record
 * stamped ahead (within the future skew; beyond it the record is a dead letter) is collated at the clock's time. So
 * neither the dedupe store's time nor any output topic ever sees a timestamp from the future, which a Kafka 4
 * broker would refuse by default ({@code log.message.timestamp.after.max.ms}).
 */
final class CollateProcessor implements Processor<byte[], byte[], String, Collated> {

    private final EventCollator collator;
    private final CollatorMetrics metrics;
    private final DeadLetterRecords deadLetters;
    private final ByUserRouting routing;
    private ProcessorContext<String, Collated> context;

    CollateProcessor(EventCollator collator, CollatorMetrics metrics, DeadLetterRecords deadLetters,
                     ByUserRouting routing) {
        this.collator = collator;
        this.metrics = metrics;
        this.deadLetters = deadLetters;
        this.routing = routing;
    }

    @Override
    public void init(ProcessorContext<String, Collated> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        metrics.recordIn();
        long now = context.currentSystemTimeMs();
        EventCollator.Collation collation = collator.collate(record.key(), record.value(), record.timestamp(), now);
        long ts = Math.min(record.timestamp(), now);
        metrics.eventsCollated(collation.events().size());
        RecordMetadata source = context.recordMetadata().orElse(null);
        for (CollatedEvent event : collation.events()) {
            boolean direct = routing.direct(event.userId(), source == null ? 0 : source.partition());
            context.forward(new Record<>(event.userId(), event.routed(direct), ts, new RecordHeaders()));
        }
        if (collation.deadLetters().isEmpty()) {
            return;
        }
        String topic = source == null ? null : source.topic();
        int partition = source == null ? -1 : source.partition();
        long offset = source == null ? -1 : source.offset();
        for (DeadLetter dead : collation.deadLetters()) {
            Record<byte[], byte[]> out = deadLetters.toRecord(dead, record.headers(), topic, partition, offset, ts,
                    record.timestamp());
            context.forward(new Record<>(null, new DeadLetter(out.key(), out.value(), dead.reason()),
                    out.timestamp(), out.headers()));
        }
    }
}
