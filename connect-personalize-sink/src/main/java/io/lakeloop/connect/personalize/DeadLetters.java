package io.lakeloop.connect.personalize;

import io.lakeloop.connect.personalize.metrics.SinkTaskMetrics;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where records that can never succeed go. With {@code errors.tolerance=none} the task fails, naming the record's
 * topic/partition/offset and the reason. Otherwise the record goes to Connect's errant-record reporter (the
 * dead-letter topic) with {@value #REASON_CODE_HEADER} and {@value #REASON_MESSAGE_HEADER} headers, and is done
 * once the reporter has written it; without a reporter the reason is logged at WARN (position only) and counted.
 *
 * <p>A tracker batch some of whose events were sent goes to the dead-letter topic holding only the events that were
 * not ({@link RejectedEvents}), their indexes in {@value #EVENT_INDEX_HEADER}: replaying the dead letters sends each
 * event once. A dead letter that would not fit the dead-letter producer's request ({@code dead.letter.max.payload.bytes})
 * is written without key and value, with {@value #PAYLOAD_DROPPED_HEADER} and the source position, so that writing
 * it can never fail the task. Task thread only: Connect's reporter is not thread-safe.
 */
public final class DeadLetters {

    public static final String REASON_CODE_HEADER = "lakeloop.reason.code";
    public static final String REASON_MESSAGE_HEADER = "lakeloop.reason.message";
    /** The indexes (in the record's event list, comma-separated) of the events this dead letter holds. */
    public static final String EVENT_INDEX_HEADER = "lakeloop.event.index";
    /** Present when key and value were left out because they would not fit; says how large they were. */
    public static final String PAYLOAD_DROPPED_HEADER = "lakeloop.payload.dropped";
    public static final String SOURCE_TOPIC_HEADER = "lakeloop.source.topic";
    public static final String SOURCE_PARTITION_HEADER = "lakeloop.source.partition";
    public static final String SOURCE_OFFSET_HEADER = "lakeloop.source.offset";
    /** Reason code of a record Personalize itself rejected (InvalidInput) although it passed local validation. */
    public static final String SERVICE_REJECTED = "SERVICE_REJECTED";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    /** Original headers beyond this are left out of a dead letter without payload. */
    private static final long MAX_KEPT_HEADER_BYTES = 16 * 1024;

    /** Which events of a record a dead letter is about: none listed means the whole record. */
    public record Subset(SortedSet<Integer> events, int total) {

        public Subset {
            events = Collections.unmodifiableSortedSet(new TreeSet<>(events));
        }

        public static Subset whole() {
            return new Subset(new TreeSet<>(), 0);
        }

        public static Subset of(int event, int total) {
            return new Subset(new TreeSet<>(java.util.List.of(event)), total);
        }

        /** True when other events of the record were (or are being) sent: only these may go to the DLQ. */
        boolean partial() {
            return !events.isEmpty() && events.size() < total;
        }
    }

    private final boolean tolerate;
    private final ErrantRecordReporter reporter;
    private final SinkTaskMetrics metrics;
    private final RejectedEvents rejectedEvents;
    private final long maxPayloadBytes;
    private final ArrayDeque<Reported> reported = new ArrayDeque<>();

    private record Reported(PendingRecord record, Future<Void> future) {
    }

    public DeadLetters(boolean tolerate, ErrantRecordReporter reporter, SinkTaskMetrics metrics,
                       RejectedEvents rejectedEvents, long maxPayloadBytes) {
        this.tolerate = tolerate;
        this.reporter = reporter;
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.rejectedEvents = Objects.requireNonNull(rejectedEvents, "rejectedEvents");
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /**
     * Reports one part of {@code record} as bad — the whole record, or the events of {@code subset}; the part is
     * completed once reported. {@code message} goes to the dead-letter headers only: the service's own message may
     * quote field values (user ids), so only {@code safeMessage} goes to logs and task traces.
     *
     * @throws ConnectException with {@code errors.tolerance=none}
     */
    public void report(PendingRecord record, String code, String message, String safeMessage, Subset subset) {
        metrics.deadLettered();
        if (!tolerate) {
            throw new ConnectException("Record " + record.position() + " cannot be sent to Personalize: " + code
                    + " (" + safeMessage + "). Failing because errors.tolerance=none; set errors.tolerance=all and "
                    + "errors.deadletterqueue.topic.name to route such records to a dead-letter topic instead.");
        }
        if (reporter == null) {
            LOG.warn("Record {} skipped: {} ({}); no dead-letter queue is configured", record.position(), code,
                    safeMessage);
            record.complete(1);
            return;
        }
        LOG.debug("Record {} to the dead-letter queue: {}", record.position(), code);
        SinkRecord letter = letter(record, code, message, subset);
        reported.add(new Reported(record, reporter.report(letter, new DataException(code + ": " + message))));
    }

    /** Waits for the reporter's writes and completes their records; fails the task if one could not be written. */
    public void awaitReported() {
        Reported r;
        while ((r = reported.poll()) != null) {
            try {
                r.future().get();
                r.record().complete(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectException("Interrupted while writing to the dead-letter queue", e);
            } catch (ExecutionException e) {
                throw new ConnectException("Could not write record " + r.record().position()
                        + " to the dead-letter queue", e.getCause());
            }
        }
    }

    /**
     * A plain copy of the record with the reason and source headers — only the events of a partial subset, and no
     * key or value when they would not fit. Not {@code newRecord()}: on the runtime's own record type that keeps
     * the consumer record, and the reporter would write its original bytes and headers only.
     */
    SinkRecord letter(PendingRecord pending, String code, String message, Subset subset) {
        SinkRecord record = pending.record();
        Object value = record.value();
        if (subset.partial()) {
            value = rejectedEvents.keepOnly(value, subset.events()).orElse(value);
        }
        ConnectHeaders headers = new ConnectHeaders(record.headers());
        long size = PayloadSize.serialized(record.key()) + PayloadSize.serialized(value)
                + PayloadSize.serialized(headers);
        Object key = record.key();
        if (size > maxPayloadBytes) {
            metrics.deadLetteredWithoutPayload();
            LOG.warn("Dead letter of record {} written without its key and value: about {} bytes, more than "
                    + "dead.letter.max.payload.bytes={}", pending.position(), size, maxPayloadBytes);
            value = null;
            key = null;
            if (PayloadSize.serialized(headers) > MAX_KEPT_HEADER_BYTES) {
                headers = new ConnectHeaders();
            }
            headers.addString(PAYLOAD_DROPPED_HEADER, "key and value of about " + size + " bytes left out (more than "
                    + "dead.letter.max.payload.bytes=" + maxPayloadBytes + "); the record is at the source position");
        }
        headers.addString(REASON_CODE_HEADER, code);
        headers.addString(REASON_MESSAGE_HEADER, message);
        if (!subset.events().isEmpty()) {
            headers.addString(EVENT_INDEX_HEADER, subset.events().stream().map(String::valueOf)
                    .collect(Collectors.joining(",")));
        }
        headers.addString(SOURCE_TOPIC_HEADER, pending.partition().topic());
        headers.addString(SOURCE_PARTITION_HEADER, String.valueOf(pending.partition().partition()));
        headers.addString(SOURCE_OFFSET_HEADER, String.valueOf(pending.offset()));
        return new SinkRecord(record.originalTopic(), record.originalKafkaPartition(),
                key == null ? null : record.keySchema(), key, value == null ? null : record.valueSchema(), value,
                record.originalKafkaOffset(), record.timestamp(), record.timestampType(), headers);
    }
}
