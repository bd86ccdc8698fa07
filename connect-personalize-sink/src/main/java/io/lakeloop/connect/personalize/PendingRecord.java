package io.lakeloop.connect.personalize;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * One Kafka record the task has taken and not yet fully handed on. It is done when each of its parts — every event
 * (or item, user, ...) it yielded, and its dead-letter report if it had bad parts — has been accepted by Personalize or
 * by the dead-letter topic. Parts complete on any thread; {@link OffsetTracker} reads {@link #isDone()}.
 */
public final class PendingRecord {

    private final SinkRecord record;
    private final TopicPartition partition;
    private final long offset;
    private final AtomicInteger remaining;

    PendingRecord(SinkRecord record, TopicPartition partition, long offset, int parts) {
        this.record = record;
        this.partition = partition;
        this.offset = offset;
        this.remaining = new AtomicInteger(parts);
    }

    /** A record as Connect delivered it; position by its original (pre-transform) topic, partition and offset. */
    public static PendingRecord of(SinkRecord record, int parts) {
        return new PendingRecord(record, new TopicPartition(record.originalTopic(), record.originalKafkaPartition()),
                record.originalKafkaOffset(), parts);
    }

    public SinkRecord record() {
        return record;
    }

    public TopicPartition partition() {
        return partition;
    }

    public long offset() {
        return offset;
    }

    /** Marks {@code n} parts handed on. */
    public void complete(int n) {
        remaining.addAndGet(-n);
    }

    public boolean isDone() {
        return remaining.get() <= 0;
    }

    /** "topic/partition/offset", for messages: positions only, never content. */
    public String position() {
        return partition.topic() + "/" + partition.partition() + "/" + offset;
    }
}
