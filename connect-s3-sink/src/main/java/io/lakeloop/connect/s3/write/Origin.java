package io.lakeloop.connect.s3.write;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Where a record was consumed from, before any SMT renamed its topic or changed its partition: the partition Connect
 * passes to {@code open}, {@code close} and {@code preCommit}, so the one writers and state objects are keyed by.
 * Connect 3.6+ keeps it ({@code originalTopic()}, KIP-793); older runtimes have no SMT-proof origin and the record's
 * own topic and partition are used.
 */
final class Origin {

    private static volatile boolean originalsKnown = true;

    private Origin() {
    }

    static TopicPartition of(SinkRecord record) {
        if (originalsKnown) {
            try {
                return new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
            } catch (NoSuchMethodError e) {
                originalsKnown = false; // a runtime older than 3.6
            }
        }
        return new TopicPartition(record.topic(), record.kafkaPartition());
    }

    static long offset(SinkRecord record) {
        if (originalsKnown) {
            try {
                return record.originalKafkaOffset();
            } catch (NoSuchMethodError e) {
                originalsKnown = false;
            }
        }
        return record.kafkaOffset();
    }
}
