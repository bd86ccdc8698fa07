package io.lakeloop.streams.collator;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * The record's own timestamp; when it is invalid (negative, e.g. from a pre-0.10 producer) the partition's time if it
 * is not ahead of the wall clock, else the wall clock. Unlike Kafka's default extractor it never fails the app: a
 * record with a bad timestamp is still collated (or dead-lettered), never the reason the service stops. Timestamps
 * ahead of the clock are bounded later, by the collate step, whatever this returns.
 */
public final class InvalidTimestampFallback implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        long ts = record.timestamp();
        if (ts >= 0) {
            return ts;
        }
        long now = System.currentTimeMillis();
        return partitionTime >= 0 && partitionTime <= now ? partitionTime : now;
    }
}
