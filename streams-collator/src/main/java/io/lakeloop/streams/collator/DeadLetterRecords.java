package io.lakeloop.streams.collator;

import java.util.Locale;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.record.AbstractRecords;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Turns a {@link DeadLetter} into the record written to the dead-letter topic, and makes sure it can always be
 * written: a dead letter whose key, value and headers together exceed what the producer (or the topic) accepts is
 * written without them — only the {@code lakeloop.*} headers, with the reason and the source topic, partition and
 * offset of the original, plus {@value DeadLetterHeaders#PAYLOAD_OMITTED} giving the sizes — and counted. The same
 * happens to a dead letter the broker refused once ({@link OutputGuard}). Without this, an invalid record of about the
 * producer's {@code max.request.size} stops the service: under exactly-once, on every restart.
 */
final class DeadLetterRecords {

    private final String topic;
    private final int maxRecordBytes;
    private final OutputGuard guard;
    private final CollatorMetrics metrics;

    /**
     * @param topic          the dead-letter topic
     * @param maxRecordBytes the largest record (as the producer sizes it: batch overhead included) it accepts
     */
    DeadLetterRecords(String topic, int maxRecordBytes, OutputGuard guard, CollatorMetrics metrics) {
        this.topic = topic;
        this.maxRecordBytes = maxRecordBytes;
        this.guard = guard;
        this.metrics = metrics;
    }

    /**
     * @param original  the headers of the record the dead letter comes from
     * @param timestamp the timestamp to write the dead letter with
     * @param sourceTs  the source record's own timestamp
     */
    Record<byte[], byte[]> toRecord(DeadLetter dead, Headers original, String sourceTopic, int partition, long offset,
                                    long timestamp, long sourceTs) {
        metrics.reject(dead.reason().code());
        Headers headers = DeadLetterHeaders.of(original, dead.reason(), sourceTopic, partition, offset, sourceTs);
        int size = AbstractRecords.estimateSizeInBytesUpperBound(RecordBatch.CURRENT_MAGIC_VALUE,
                CompressionType.NONE, dead.key(), dead.value(), headers.toArray());
        String why = null;
        if (size > maxRecordBytes) {
            why = String.format(Locale.ROOT, "%d bytes with key, value and headers, more than the %d the dead-letter "
                    + "topic accepts", size, maxRecordBytes);
        } else if (guard.anyRefused()) {
            String refusal = guard.refusal(topic, dead.key(), dead.value());
            if (refusal != null) {
                why = "refused by the producer or broker (" + refusal + ")";
            }
        }
        if (why == null) {
            return new Record<>(dead.key(), dead.value(), timestamp, headers);
        }
        metrics.countDeadLetterWithoutPayload();
        Headers own = DeadLetterHeaders.ownOnly(headers);
        DeadLetterHeaders.add(own, DeadLetterHeaders.PAYLOAD_OMITTED, String.format(Locale.ROOT,
                "key %s, value %s, %d original headers omitted: %s; read the original at %s/%d@%d",
                length(dead.key()), length(dead.value()), original == null ? 0 : original.toArray().length, why,
                sourceTopic, partition, offset));
        return new Record<>(null, null, timestamp, own);
    }

    /** A dead letter for a lake row the lake topic refused: the row itself (key USER_ID) with the reason. */
    static DeadLetter refusedRow(byte[] key, byte[] row, String refusal) {
        return new DeadLetter(key, row, DeadLetterReason.ofRecord(DeadLetterReason.OUTPUT_REFUSED,
                "the output topic refused this event's row (" + refusal + "); the value is the row"));
    }

    private static String length(byte[] bytes) {
        return bytes == null ? "null" : bytes.length + " B";
    }
}
