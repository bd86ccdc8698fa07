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
    private final Runnable onDone;

    PendingRecord(SinkRecord record, TopicPartition partition, long offset, int parts, Runnable onDone) {
        this.record = record;
        this.partition = partition;
        this.offset = offset;
        this.remaining = new AtomicInteger(parts);
        this.onDone = onDone;
    }

    /** A record as Connect delivered it; position by its original (pre-transform) topic, partition and offset. */
    public static PendingRecord of(SinkRecord record, int parts) {
        return of(record, parts, null);
    }

    /** As {@link #of(SinkRecord, int)}; {@code onDone} runs once, on the thread that completes the last part. */
    public static PendingRecord of(SinkRecord record, int parts, Runnable onDone) {
        return new PendingRecord(record, new TopicPartition(record.originalTopic(), record.originalKafkaPartition()),
                record.originalKafkaOffset(), parts, onDone);
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
        int before = remaining.getAndAdd(-n);
        if (before > 0 && before - n <= 0 && onDone != null) {
            onDone.run();
        }
    }

    public boolean isDone() {
        return remaining.get() <= 0;
    }

    /** "topic/partition/offset", for messages: positions only, never content. */
    public String position() {
        return partition.topic() + "/" + partition.partition() + "/" + offset;
    }
}
