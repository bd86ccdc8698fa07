package io.lakeloop.streams.collator;

import io.lakeloop.event.Rejection;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The headers of a dead-letter record (stable API: the S3 sink and the CLI's reconciliation read them). All values
 * are UTF-8 strings. The original record's own headers are kept; any {@code lakeloop.*} header it already carried
 * (a dead letter replayed into the input) is replaced.
 *
 * <ul>
 *   <li>{@value #REASON_CODE}: the {@code ReasonCode} name, e.g. {@code MISSING_FIELD}</li>
 *   <li>{@value #REASON_MESSAGE}: a message for humans (never contains ids or payload values)</li>
 *   <li>{@value #REASON_FIELD}: the field at fault as configured (absent when the whole record is at fault)</li>
 *   <li>{@value #EVENT_INDEX}: the event's index in a tracker batch's event list, {@code -1} for the whole record</li>
 *   <li>{@value #SOURCE_TOPIC}, {@value #SOURCE_PARTITION}, {@value #SOURCE_OFFSET}: where the record was read</li>
 * </ul>
 */
public final class DeadLetterHeaders {

    public static final String REASON_CODE = "lakeloop.reason.code";
    public static final String REASON_MESSAGE = "lakeloop.reason.message";
    public static final String REASON_FIELD = "lakeloop.reason.field";
    public static final String EVENT_INDEX = "lakeloop.event.index";
    public static final String SOURCE_TOPIC = "lakeloop.source.topic";
    public static final String SOURCE_PARTITION = "lakeloop.source.partition";
    public static final String SOURCE_OFFSET = "lakeloop.source.offset";

    public static final List<String> ALL = List.of(REASON_CODE, REASON_MESSAGE, REASON_FIELD, EVENT_INDEX,
            SOURCE_TOPIC, SOURCE_PARTITION, SOURCE_OFFSET);

    private static final String OWN_PREFIX = "lakeloop.";

    private DeadLetterHeaders() {
    }

    /**
     * @param original  the input record's headers (not modified)
     * @param rejection why
     * @param topic     source topic, or null when unknown
     * @param partition source partition, or -1
     * @param offset    source offset, or -1
     */
    public static Headers of(Headers original, Rejection rejection, String topic, int partition, long offset) {
        RecordHeaders out = new RecordHeaders();
        if (original != null) {
            for (Header h : original) {
                if (!h.key().startsWith(OWN_PREFIX)) {
                    out.add(h);
                }
            }
        }
        add(out, REASON_CODE, rejection.code().name());
        add(out, REASON_MESSAGE, rejection.message());
        if (rejection.field() != null) {
            add(out, REASON_FIELD, rejection.field());
        }
        add(out, EVENT_INDEX, Integer.toString(rejection.eventIndex()));
        if (topic != null) {
            add(out, SOURCE_TOPIC, topic);
        }
        add(out, SOURCE_PARTITION, Integer.toString(partition));
        add(out, SOURCE_OFFSET, Long.toString(offset));
        return out;
    }

    private static void add(Headers headers, String key, String value) {
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
