package io.lakeloop.streams.collator;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collator's production exception handler: a record the producer or the broker refuses for what it is (too
 * large, a timestamp or a form the topic does not accept) is registered with the instance's {@link OutputGuard},
 * and the handler answers {@code FAIL}. Under exactly-once nothing else is possible — the transaction is already
 * doomed — and under at-least-once {@code CONTINUE} would drop the record silently. The failed stream thread is
 * replaced ({@code CollatorService}); its replacement re-processes the record and dead-letters it instead.
 * Any other failure (authorisation, a missing topic ...) is left to Kafka Streams as before.
 */
public final class RefusedOutputHandler implements ProductionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RefusedOutputHandler.class);

    private OutputGuard guard;

    @Override
    public void configure(Map<String, ?> configs) {
        Object g = configs.get(OutputGuard.CONFIG_KEY);
        // without a guard (e.g. a bare Kafka Streams app built on this topology) the handler only logs and fails
        this.guard = g instanceof OutputGuard og ? og : null;
    }

    @Override
    public ProductionExceptionHandlerResponse handle(ErrorHandlerContext context,
                                                     ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (guard != null && refusesTheRecordItself(exception)) {
            boolean fresh = guard.register(record, exception);
            // no key, value or header here: they may hold user ids and payload
            LOG.warn("{} refused a record for topic {} ({} bytes): {}; the record that produced it will be "
                            + "dead-lettered when it is processed again", exception.getClass().getSimpleName(),
                    record.topic(), size(record), fresh ? "first refusal" : "refused again");
        }
        return ProductionExceptionHandlerResponse.FAIL;
    }

    /** Refusals that concern this one record, not the producer, the topic or the cluster. */
    static boolean refusesTheRecordItself(Exception e) {
        return e instanceof RecordTooLargeException
                || e instanceof RecordBatchTooLargeException
                || e instanceof InvalidTimestampException
                || e instanceof InvalidRecordException;
    }

    private static long size(ProducerRecord<byte[], byte[]> r) {
        return (r.key() == null ? 0L : r.key().length) + (r.value() == null ? 0L : r.value().length);
    }
}
