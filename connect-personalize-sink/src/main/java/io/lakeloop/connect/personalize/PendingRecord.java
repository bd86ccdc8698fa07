package io.lakeloop.connect.personalize;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * One Kafka record the task has taken and not yet fully handed on. It is done when each of its parts — every event
 * (or item, user, ...) it yielded, and each dead-letter report of its bad parts — has been accepted by Personalize or
 * by the dead-letter topic. Parts complete on any thread. Once done it lets go of the record (its value may be a
 * mebibyte) and tells its listener, which is how {@link OffsetTracker} and the task's budget learn of it.
 */
public final class PendingRecord {

    private volatile SinkRecord record;
    private final TopicPartition partition;
    private final long offset;
    private final int events;
    private final long bytes;
    private final AtomicInteger remaining;
    private final AtomicReference<Consumer<PendingRecord>> onDone = new AtomicReference<>();

    PendingRecord(SinkRecord record, TopicPartition partition, long offset, int parts, int events, long bytes) {
        this.record = record;
        this.partition = partition;
        this.offset = offset;
        this.events = events;
        this.bytes = bytes;
        this.remaining = new AtomicInteger(parts);
    }

    /** A record as Connect delivered it; position by its original (pre-transform) topic, partition and offset. */
    public static PendingRecord of(SinkRecord record, int parts) {
        return of(record, parts, 1);
    }

    /** As {@link #of(SinkRecord, int)}, for a record of {@code events} events (what its dead letters may cut). */
    public static PendingRecord of(SinkRecord record, int parts, int events) {
        return new PendingRecord(record, new TopicPartition(record.originalTopic(), record.originalKafkaPartition()),
                record.originalKafkaOffset(), parts, events, RecordBudget.estimate(record));
    }

    /** Runs {@code listener} once, on the thread that completes the last part (at once if already done). */
    void onDone(Consumer<PendingRecord> listener) {
        onDone.set(listener);
        if (isDone()) {
            fireDone();
        }
    }

    /** The record, until it is done (then {@code null}: whatever still refers to this holds no payload). */
    public SinkRecord record() {
        return record;
    }

    public TopicPartition partition() {
        return partition;
    }

    public long offset() {
        return offset;
    }

    /** Events in the record (its event list's size; 1 for a flat record or a dataset record). */
    public int events() {
        return events;
    }

    /** About how much heap the record and what it yielded hold while it is not done. */
    public long bytes() {
        return bytes;
    }

    /** Marks {@code n} parts handed on. */
    public void complete(int n) {
        int before = remaining.getAndAdd(-n);
        if (before > 0 && before - n <= 0) {
            record = null;
            fireDone();
        }
    }

    private void fireDone() {
        Consumer<PendingRecord> listener = onDone.getAndSet(null);
        if (listener != null) {
            listener.accept(this);
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
