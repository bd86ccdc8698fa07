package io.lakeloop.connect.personalize;

import io.lakeloop.connect.personalize.metrics.SinkTaskMetrics;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
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
 * Task thread only: Connect's reporter is not thread-safe.
 */
public final class DeadLetters {

    public static final String REASON_CODE_HEADER = "lakeloop.reason.code";
    public static final String REASON_MESSAGE_HEADER = "lakeloop.reason.message";
    /** Reason code of a record Personalize itself rejected (InvalidInput) although it passed local validation. */
    public static final String SERVICE_REJECTED = "SERVICE_REJECTED";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    private final boolean tolerate;
    private final ErrantRecordReporter reporter;
    private final SinkTaskMetrics metrics;
    private final ArrayDeque<Reported> reported = new ArrayDeque<>();

    private record Reported(PendingRecord record, Future<Void> future) {
    }

    public DeadLetters(boolean tolerate, ErrantRecordReporter reporter, SinkTaskMetrics metrics) {
        this.tolerate = tolerate;
        this.reporter = reporter;
        this.metrics = metrics;
    }

    /**
     * Reports one part of {@code record} as bad; the record's part is completed once reported.
     *
     * @throws ConnectException with {@code errors.tolerance=none}
     */
    public void report(PendingRecord record, String code, String message) {
        report(record, code, message, message);
    }

    /**
     * As {@link #report(PendingRecord, String, String)}, with a separate message for logs and task traces: the
     * service's own message may quote field values (user ids), so only {@code safeMessage} goes there, while the
     * dead-letter headers carry the full {@code message} next to the record itself.
     */
    public void report(PendingRecord record, String code, String message, String safeMessage) {
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
        reported.add(new Reported(record, reporter.report(withReason(record.record(), code, message),
                new DataException(code + ": " + message))));
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
     * A plain copy of the record with the reason headers. Not {@code newRecord()}: on the runtime's own record
     * type that keeps the consumer record, and the reporter would write its original headers only.
     */
    static SinkRecord withReason(SinkRecord record, String code, String message) {
        ConnectHeaders headers = new ConnectHeaders(record.headers());
        headers.addString(REASON_CODE_HEADER, code);
        headers.addString(REASON_MESSAGE_HEADER, message);
        return new SinkRecord(record.originalTopic(), record.originalKafkaPartition(), record.keySchema(),
                record.key(), record.valueSchema(), record.value(), record.originalKafkaOffset(), record.timestamp(),
                record.timestampType(), headers);
    }
}
