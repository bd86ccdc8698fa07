package io.lakeloop.streams.collator;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Processor {@value CollatorTopology#COLLATE}: runs the {@link EventCollator} on each raw record and forwards one
 * record per lake event (key = USER_ID, no headers) and one per dead letter (the original headers plus
 * {@link DeadLetterHeaders}). Both keep the input record's timestamp.
 */
final class CollateProcessor implements Processor<byte[], byte[], String, Collated> {

    private final EventCollator collator;
    private final CollatorMetrics metrics;
    private ProcessorContext<String, Collated> context;

    CollateProcessor(EventCollator collator, CollatorMetrics metrics) {
        this.collator = collator;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Collated> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        metrics.recordIn();
        EventCollator.Collation collation = collator.collate(record.key(), record.value(), record.timestamp());
        metrics.eventsCollated(collation.events().size());
        for (CollatedEvent event : collation.events()) {
            context.forward(new Record<>(event.userId(), event, record.timestamp(), new RecordHeaders()));
        }
        if (collation.deadLetters().isEmpty()) {
            return;
        }
        RecordMetadata source = context.recordMetadata().orElse(null);
        String topic = source == null ? null : source.topic();
        int partition = source == null ? -1 : source.partition();
        long offset = source == null ? -1 : source.offset();
        for (DeadLetter dead : collation.deadLetters()) {
            metrics.reject(dead.rejection().code());
            Headers headers = DeadLetterHeaders.of(record.headers(), dead.rejection(), topic, partition, offset);
            context.forward(new Record<String, Collated>(null, dead, record.timestamp(), headers));
        }
    }
}
