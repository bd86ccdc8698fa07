package io.lakeloop.streams.collator;

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
 *   <li>{@value #REASON_CODE}: the {@link DeadLetterReason} code, e.g. {@code MISSING_FIELD}</li>
 *   <li>{@value #REASON_MESSAGE}: a message for humans (never contains ids or payload values)</li>
 *   <li>{@value #REASON_FIELD}: the field at fault as configured (absent when the whole record is at fault)</li>
 *   <li>{@value #EVENT_INDEX}: the event's index in a tracker batch's event list, {@code -1} for the whole record</li>
 *   <li>{@value #SOURCE_TOPIC}, {@value #SOURCE_PARTITION}, {@value #SOURCE_OFFSET}: where the record was read</li>
 *   <li>{@value #SOURCE_TIMESTAMP}: the record's own timestamp (epoch ms), which the dead letter keeps unless it was
 *       ahead of the collator's clock</li>
 *   <li>{@value #PAYLOAD_OMITTED}: present only on a dead letter written without the original key, value and headers
 *       because they did not fit the dead-letter topic; says their sizes (read the original at the source position)</li>
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
    public static final String SOURCE_TIMESTAMP = "lakeloop.source.timestamp";
    public static final String PAYLOAD_OMITTED = "lakeloop.payload.omitted";

    public static final List<String> ALL = List.of(REASON_CODE, REASON_MESSAGE, REASON_FIELD, EVENT_INDEX,
            SOURCE_TOPIC, SOURCE_PARTITION, SOURCE_OFFSET, SOURCE_TIMESTAMP, PAYLOAD_OMITTED);

    private static final String OWN_PREFIX = "lakeloop.";

    private DeadLetterHeaders() {
    }

    /**
     * @param original  the input record's headers (not modified)
     * @param reason    why
     * @param topic     source topic, or null when unknown
     * @param partition source partition, or -1
     * @param offset    source offset, or -1
     * @param timestamp the source record's timestamp (epoch ms)
     */
    public static Headers of(Headers original, DeadLetterReason reason, String topic, int partition, long offset,
                             long timestamp) {
        RecordHeaders out = new RecordHeaders();
        if (original != null) {
            for (Header h : original) {
                if (!h.key().startsWith(OWN_PREFIX)) {
                    out.add(h);
                }
            }
        }
        add(out, REASON_CODE, reason.code());
        add(out, REASON_MESSAGE, reason.message());
        if (reason.field() != null) {
            add(out, REASON_FIELD, reason.field());
        }
        add(out, EVENT_INDEX, Integer.toString(reason.eventIndex()));
        if (topic != null) {
            add(out, SOURCE_TOPIC, topic);
        }
        add(out, SOURCE_PARTITION, Integer.toString(partition));
        add(out, SOURCE_OFFSET, Long.toString(offset));
        add(out, SOURCE_TIMESTAMP, Long.toString(timestamp));
        return out;
    }

    /** {@code headers} without the original record's own (non-{@code lakeloop.*}) headers. */
    static Headers ownOnly(Headers headers) {
        RecordHeaders out = new RecordHeaders();
        for (Header h : headers) {
            if (h.key().startsWith(OWN_PREFIX)) {
                out.add(h);
            }
        }
        return out;
    }

    static void add(Headers headers, String key, String value) {
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
