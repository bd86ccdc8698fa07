package io.lakeloop.cli.demo;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Counts one run's dead letters on one dead-letter topic, by the {@code lakeloop.reason.code} header (records that
 * Connect itself dead-lettered, e.g. a converter failure, have only Connect's {@code __connect.errors.*} headers and
 * count under {@value #CONNECT_ERROR}).
 */
public final class DeadLetterWatch implements AutoCloseable {

    static final String REASON_HEADER = "lakeloop.reason.code";
    static final String CONNECT_ERROR_CLASS_HEADER = "__connect.errors.exception.class.name";
    static final String CONNECT_ERROR = "CONNECT_ERROR";
    static final String NO_REASON = "(no reason header)";
    static final java.util.List<String> POSITION_HEADERS = java.util.List.of("__connect.errors.topic",
            "__connect.errors.partition", "__connect.errors.offset", "lakeloop.source.topic",
            "lakeloop.source.partition", "lakeloop.source.offset", "lakeloop.event.index", REASON_HEADER);

    private final String topic;
    private final TopicReader reader;
    private final String runPrefix;
    private final Map<String, Long> reasons = new TreeMap<>();
    private final java.util.Set<String> seen = new java.util.HashSet<>();
    private long deliveries;

    public DeadLetterWatch(String topic, TopicReader reader, String runPrefix) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.runPrefix = Objects.requireNonNull(runPrefix, "runPrefix");
    }

    public void poll() {
        reader.poll(this::accept);
    }

    void accept(ConsumerRecord<byte[], byte[]> record) {
        String value = record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
        if (!value.contains(runPrefix)) {
            return;
        }
        deliveries++;
        if (!seen.add(identity(record, value))) {
            return;
        }
        Header reason = record.headers().lastHeader(REASON_HEADER);
        String code;
        if (reason != null) {
            code = new String(reason.value(), StandardCharsets.UTF_8);
        } else if (record.headers().lastHeader(CONNECT_ERROR_CLASS_HEADER) != null) {
            code = CONNECT_ERROR;
        } else {
            code = NO_REASON;
        }
        reasons.merge(code, 1L, Long::sum);
    }

    /**
     * What makes two dead letters the same one delivered twice (Connect's dead-letter queue is at-least-once): the
     * position of the original record (Connect's or the collator's context headers), the event's index in its
     * batch, the reason and the value.
     */
    private static String identity(ConsumerRecord<byte[], byte[]> record, String value) {
        StringBuilder id = new StringBuilder();
        for (String header : POSITION_HEADERS) {
            Header h = record.headers().lastHeader(header);
            id.append(h == null ? "-" : new String(h.value(), StandardCharsets.UTF_8)).append('|');
        }
        return id.append(value).toString();
    }

    public String topic() {
        return topic;
    }

    public Map<String, Long> reasons() {
        return new TreeMap<>(reasons);
    }

    /** Distinct dead letters. */
    public long count() {
        return seen.size();
    }

    /** Dead letters including repeated deliveries. */
    public long deliveries() {
        return deliveries;
    }

    @Override
    public void close() {
        reader.close();
    }
}
