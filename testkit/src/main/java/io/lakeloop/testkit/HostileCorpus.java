package io.lakeloop.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shared corpus of hostile input that every component reading records must survive: each record is either
 * delivered or dead-lettered with a reason, and the service stays RUNNING.
 *
 * <p>Every record names what it is; a test states, per name, the outcome it expects from its component (delivered,
 * dead-lettered with reason X, skipped by configuration), so a new entry here fails every test that has not decided
 * about it. The corpus also holds well-formed control events ({@link #controls()}) with known event ids, so a test
 * can assert the exact set that came through next to the hostile records.
 *
 * <p>All records fit a default producer and broker ({@code max.request.size} / {@code message.max.bytes} 1 MiB):
 * the largest ({@link #HUGE_INVALID}) is a value of {@link #HUGE_VALUE_BYTES} bytes, so that the value alone fits
 * but the value plus dead-letter headers does not.
 */
public final class HostileCorpus {

    /** JSON nested 5,000 levels deep (Jackson's read limit is 1,000): ~10 KB. */
    public static final String DEEP_NESTING = "deep-nesting-5000";
    /** A flat event whose event_value is a 2,000-digit number (Jackson's limit: 1,000 digits). */
    public static final String LONG_NUMBER = "long-number-2000-digits";
    /** A JSON object with one field name of 60,000 characters (Jackson's limit: 50,000). */
    public static final String LONG_FIELD_NAME = "long-field-name-60000";
    /** A well-formed flat event whose properties hold a string of ~1 MiB (valid for the lake, too long for PutEvents). */
    public static final String HUGE_VALID = "huge-valid-event-1mib";
    /** ~1 MiB of bytes that are not JSON: a dead letter of it plus headers exceeds max.request.size. */
    public static final String HUGE_INVALID = "huge-invalid-1mib";
    /** A flat event whose item id holds the bytes C3 28 (not UTF-8). */
    public static final String INVALID_UTF8 = "invalid-utf8";
    /** A well-formed flat event preceded by the UTF-8 byte-order mark EF BB BF. */
    public static final String BOM = "utf8-bom";
    /** A raw NUL byte inside a JSON string (a control character JSON forbids unescaped). */
    public static final String RAW_NUL = "raw-nul-byte";
    /** A flat event whose session id holds an escaped NUL (\u0000): valid JSON, a NUL in the id. */
    public static final String ESCAPED_NUL = "escaped-nul-in-id";
    /** A flat event whose item id is a lone high surrogate (\ud800): valid JSON, not encodable as UTF-8. */
    public static final String LONE_SURROGATE = "lone-surrogate";
    /** A flat event that names user_id twice with different values. */
    public static final String DUPLICATE_KEYS = "duplicate-keys";
    /** A record with a key and no value. */
    public static final String TOMBSTONE = "tombstone";
    /** A record with an empty (zero-byte) value. */
    public static final String EMPTY_VALUE = "empty-value";
    /** A well-formed flat event with no key at all. */
    public static final String NULL_KEY = "null-key";
    /** A well-formed flat event with an empty (zero-byte) key. */
    public static final String EMPTY_KEY = "empty-key";
    /** A flat event whose user, item and event type are empty strings. */
    public static final String EMPTY_STRINGS = "empty-strings";
    /** A JSON array, not an object. */
    public static final String NOT_AN_OBJECT = "json-array";
    /** A flat event with an event timestamp in the year 9999. */
    public static final String FAR_FUTURE_EVENT_TIME = "far-future-event-timestamp";
    /**
     * A well-formed flat event (present-day event time) whose Kafka record timestamp is in the year 2200. Kafka 4.x
     * brokers reject it by default ({@code log.message.timestamp.after.max.ms} is one hour since 4.0); 3.x brokers and
     * MSK accept it: create the topic with {@link #TOPIC_CONFIGS} to let it through.
     */
    public static final String FAR_FUTURE_RECORD_TIME = "far-future-record-timestamp";
    /** A flat event with an event timestamp before the epoch. */
    public static final String PRE_EPOCH = "pre-epoch-timestamp";
    /** A well-formed flat event carrying a header whose value is not UTF-8 (FF FE 00). */
    public static final String NON_UTF8_HEADER = "non-utf8-header";
    /** A tracker batch with one good event and one event whose eventType is missing. */
    public static final String BATCH_ONE_BAD = "tracker-batch-one-bad-event";

    /**
     * Topic configs under which every corpus record is accepted by a Kafka 4.x broker, as a 3.x broker accepts them
     * by default: record timestamps any distance in the future.
     */
    public static final Map<String, String> TOPIC_CONFIGS =
            Map.of("message.timestamp.after.max.ms", String.valueOf(Long.MAX_VALUE));

    /** Value size of {@link #HUGE_VALID} and {@link #HUGE_INVALID}: 1 MiB less 2 KiB. */
    public static final int HUGE_VALUE_BYTES = 1024 * 1024 - 2048;

    /** Event time of every well-formed event here, in epoch seconds (2023-11-14T22:13:20Z). */
    public static final long EVENT_TIME_SECONDS = 1_700_000_000L;

    private static final long YEAR_2200_MILLIS = Instant.parse("2200-01-01T00:00:00Z").toEpochMilli();

    private HostileCorpus() {
    }

    /** Every hostile record, each name once, in a stable order. */
    public static List<HostileRecord> records() {
        List<HostileRecord> all = new ArrayList<>();
        all.add(plain(DEEP_NESTING, "{\"user_id\":\"h-user\",\"x\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}"));
        all.add(plain(LONG_NUMBER, flat("h-long-number", "\"event_value\":" + "7".repeat(2_000))));
        all.add(plain(LONG_FIELD_NAME, "{\"" + "n".repeat(60_000) + "\":1}"));
        all.add(plain(HUGE_VALID, flat("h-huge-valid", "\"properties\":{\"blob\":\""
                + "b".repeat(HUGE_VALUE_BYTES - flat("h-huge-valid", "\"properties\":{\"blob\":\"\"}").length())
                + "\"}")));
        all.add(plain(HUGE_INVALID, "<" + "x".repeat(HUGE_VALUE_BYTES - 2) + ">"));
        all.add(new HostileRecord(INVALID_UTF8, utf8("h-user"), concat(utf8(flatPrefix("h-invalid-utf8")
                + "\"item_id\":\"i"), new byte[] {(byte) 0xC3, 0x28}, utf8("\"}")), List.of(), null));
        all.add(new HostileRecord(BOM, utf8("h-user"), concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                utf8(flat("h-bom", ""))), List.of(), null));
        all.add(plain(RAW_NUL, flatPrefix("h-raw-nul") + "\"item_id\":\"i\u0000j\"}"));
        all.add(plain(ESCAPED_NUL, flat("h-escaped-nul", "").replace("\"session_id\":\"h-session\"",
                "\"session_id\":\"s\\u0000t\"")));
        all.add(plain(LONE_SURROGATE, flat("h-lone-surrogate", "").replace("\"item_id\":\"h-item\"",
                "\"item_id\":\"\\ud800\"")));
        all.add(plain(DUPLICATE_KEYS, flat("h-duplicate-keys", "\"user_id\":\"h-other-user\"")));
        all.add(new HostileRecord(TOMBSTONE, utf8("h-user"), null, List.of(), null));
        all.add(new HostileRecord(EMPTY_VALUE, utf8("h-user"), new byte[0], List.of(), null));
        all.add(new HostileRecord(NULL_KEY, null, utf8(flat("h-null-key", "")), List.of(), null));
        all.add(new HostileRecord(EMPTY_KEY, new byte[0], utf8(flat("h-empty-key", "")), List.of(), null));
        all.add(plain(EMPTY_STRINGS, "{\"user_id\":\"\",\"item_id\":\"\",\"event_type\":\"\",\"session_id\":\"\","
                + "\"timestamp\":" + EVENT_TIME_SECONDS + ",\"event_id\":\"h-empty-strings\"}"));
        all.add(plain(NOT_AN_OBJECT, "[1,2,3]"));
        all.add(plain(FAR_FUTURE_EVENT_TIME, flat("h-far-future-event", "")
                .replace("\"timestamp\":" + EVENT_TIME_SECONDS, "\"timestamp\":253402300799")));
        all.add(new HostileRecord(FAR_FUTURE_RECORD_TIME, utf8("h-user"), utf8(flat("h-far-future-record", "")),
                List.of(), YEAR_2200_MILLIS));
        all.add(plain(PRE_EPOCH, flat("h-pre-epoch", "").replace("\"timestamp\":" + EVENT_TIME_SECONDS,
                "\"timestamp\":-86400")));
        all.add(new HostileRecord(NON_UTF8_HEADER, utf8("h-user"), utf8(flat("h-non-utf8-header", "")),
                List.of(new HostileRecord.HeaderBytes("x-hostile", new byte[] {(byte) 0xFF, (byte) 0xFE, 0})),
                null));
        all.add(plain(BATCH_ONE_BAD, "{\"user_id\":\"h-user\",\"session_id\":\"h-session\",\"event_list\":["
                + "{\"eventType\":\"click\",\"itemId\":\"h-item\",\"sentAt\":" + EVENT_TIME_SECONDS
                + ",\"eventId\":\"h-batch-good\"},"
                + "{\"itemId\":\"h-item\",\"sentAt\":" + EVENT_TIME_SECONDS + ",\"eventId\":\"h-batch-bad\"}]}"));
        return List.copyOf(all);
    }

    /** The corpus by name. */
    public static Map<String, HostileRecord> byName() {
        Map<String, HostileRecord> map = new LinkedHashMap<>();
        for (HostileRecord r : records()) {
            if (map.put(r.name(), r) != null) {
                throw new IllegalStateException("duplicate corpus name " + r.name());
            }
        }
        return map;
    }

    /**
     * {@code count} well-formed flat events (user {@code c-user-<i % 5>}, item {@code c-item-<i>}, event id
     * {@code c-event-<i>}), each keyed by its user: the control group every hostile-corpus test sends alongside.
     */
    public static List<HostileRecord> controls(int count) {
        List<HostileRecord> controls = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String user = "c-user-" + (i % 5);
            String json = "{\"user_id\":\"" + user + "\",\"session_id\":\"c-session\",\"item_id\":\"c-item-" + i
                    + "\",\"event_type\":\"click\",\"timestamp\":" + (EVENT_TIME_SECONDS + i)
                    + ",\"event_id\":\"" + controlEventId(i) + "\"}";
            controls.add(new HostileRecord("control-" + i, utf8(user), utf8(json), List.of(), null));
        }
        return List.copyOf(controls);
    }

    /** The event id of control event {@code i}. */
    public static String controlEventId(int i) {
        return "c-event-" + i;
    }

    private static HostileRecord plain(String name, String json) {
        return new HostileRecord(name, utf8("h-user"), utf8(json), List.of(), null);
    }

    /** A well-formed flat event by user h-user with the given event id, plus {@code extra} fields (may be empty). */
    private static String flat(String eventId, String extra) {
        return flatPrefix(eventId) + "\"item_id\":\"h-item\"" + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    private static String flatPrefix(String eventId) {
        return "{\"user_id\":\"h-user\",\"session_id\":\"h-session\",\"event_type\":\"click\",\"timestamp\":"
                + EVENT_TIME_SECONDS + ",\"event_id\":\"" + eventId + "\",";
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
