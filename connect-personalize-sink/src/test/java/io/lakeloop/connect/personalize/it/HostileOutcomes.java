package io.lakeloop.connect.personalize.it;

import static io.lakeloop.testkit.HostileCorpus.BATCH_ONE_BAD;
import static io.lakeloop.testkit.HostileCorpus.BOM;
import static io.lakeloop.testkit.HostileCorpus.DEEP_NESTING;
import static io.lakeloop.testkit.HostileCorpus.DUPLICATE_KEYS;
import static io.lakeloop.testkit.HostileCorpus.EMPTY_KEY;
import static io.lakeloop.testkit.HostileCorpus.EMPTY_STRINGS;
import static io.lakeloop.testkit.HostileCorpus.EMPTY_VALUE;
import static io.lakeloop.testkit.HostileCorpus.ESCAPED_NUL;
import static io.lakeloop.testkit.HostileCorpus.FAR_FUTURE_EVENT_TIME;
import static io.lakeloop.testkit.HostileCorpus.FAR_FUTURE_RECORD_TIME;
import static io.lakeloop.testkit.HostileCorpus.HUGE_INVALID;
import static io.lakeloop.testkit.HostileCorpus.HUGE_VALID;
import static io.lakeloop.testkit.HostileCorpus.INVALID_UTF8;
import static io.lakeloop.testkit.HostileCorpus.LONE_SURROGATE;
import static io.lakeloop.testkit.HostileCorpus.LONG_FIELD_NAME;
import static io.lakeloop.testkit.HostileCorpus.LONG_NUMBER;
import static io.lakeloop.testkit.HostileCorpus.NON_UTF8_HEADER;
import static io.lakeloop.testkit.HostileCorpus.NOT_AN_OBJECT;
import static io.lakeloop.testkit.HostileCorpus.NULL_KEY;
import static io.lakeloop.testkit.HostileCorpus.PRE_EPOCH;
import static io.lakeloop.testkit.HostileCorpus.RAW_NUL;
import static io.lakeloop.testkit.HostileCorpus.TOMBSTONE;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the Personalize sink does with each record of the shared hostile corpus when it reads raw bytes
 * (ByteArrayConverter), decided one by one: the event ids Personalize accepts, and the dead letter it writes
 * ({@code REASON_CODE}, with {@code +nopayload} when key and value were left out to fit the dead-letter topic, and
 * {@code @i} when it holds only event {@code i} of a batch whose other events were sent).
 */
final class HostileOutcomes {

    /** The event ids one record yields to Personalize and its dead letter (null: none). */
    record Outcome(List<String> eventIds, String deadLetter) {
    }

    private HostileOutcomes() {
    }

    private static Outcome accepted(String eventId) {
        return new Outcome(List.of(eventId), null);
    }

    private static Outcome dead(String code) {
        return new Outcome(List.of(), code);
    }

    /**
     * When the far-future event is dated as Personalize receives it: its 253402300799 read as epoch milliseconds. Every
     * other accepted corpus event carries {@link io.lakeloop.testkit.HostileCorpus#EVENT_TIME_SECONDS}.
     */
    static final Instant FAR_FUTURE_SENT_AT = Instant.parse("1978-01-11T21:31:40.799Z");

    static final Map<String, Outcome> EXPECTED = Map.ofEntries(
            Map.entry(DEEP_NESTING, dead("UNDECODABLE")),
            Map.entry(LONG_NUMBER, dead("UNDECODABLE")),
            Map.entry(LONG_FIELD_NAME, dead("UNDECODABLE")),
            // properties of ~1 MiB: longer than PutEvents' 1,024; the dead letter would not fit 1 MiB with headers
            Map.entry(HUGE_VALID, dead("PROPERTIES_TOO_LONG+nopayload")),
            Map.entry(HUGE_INVALID, dead("UNDECODABLE+nopayload")),
            Map.entry(INVALID_UTF8, dead("UNDECODABLE")),
            Map.entry(BOM, dead("UNDECODABLE")),
            Map.entry(RAW_NUL, dead("UNDECODABLE")),
            // a NUL is a character like any other in an id: Personalize takes it
            Map.entry(ESCAPED_NUL, accepted("h-escaped-nul")),
            Map.entry(LONE_SURROGATE, dead("UNDECODABLE")),
            Map.entry(DUPLICATE_KEYS, dead("UNDECODABLE")),
            Map.entry(TOMBSTONE, dead("UNDECODABLE")),
            Map.entry(EMPTY_VALUE, dead("UNDECODABLE")),
            Map.entry(NULL_KEY, accepted("h-null-key")),
            Map.entry(EMPTY_KEY, accepted("h-empty-key")),
            Map.entry(EMPTY_STRINGS, dead("EMPTY_FIELD")),
            Map.entry(NOT_AN_OBJECT, dead("NOT_AN_OBJECT")),
            // 253402300799 is 9999-12-31 in seconds, but the default timestamp.unit=auto reads numbers of 1e11 and
            // more as epoch milliseconds, as the collator, the S3 sink and the exporter do: sent dated 1978-01-11
            // (FAR_FUTURE_SENT_AT). Producers that send seconds set timestamp.unit=seconds, and then it is a
            // TIMESTAMP_IN_FUTURE dead letter (TimestampUnitTest)
            Map.entry(FAR_FUTURE_EVENT_TIME, accepted("h-far-future-event")),
            // the record's Kafka timestamp plays no part: the event time is the event's own
            Map.entry(FAR_FUTURE_RECORD_TIME, accepted("h-far-future-record")),
            Map.entry(PRE_EPOCH, dead("TIMESTAMP_NEGATIVE")),
            Map.entry(NON_UTF8_HEADER, accepted("h-non-utf8-header")),
            Map.entry(BATCH_ONE_BAD, new Outcome(List.of("h-batch-good"), "MISSING_FIELD@1")));
}
