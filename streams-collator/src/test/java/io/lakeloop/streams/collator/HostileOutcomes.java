package io.lakeloop.streams.collator;

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

import java.util.List;
import java.util.Map;

/**
 * What the collator does with each record of the shared hostile corpus, decided one by one (docs/streams-collator.md,
 * "Hostile input"): the event ids it writes to the lake, and the dead letters it writes, each as
 * {@code REASON_CODE:field} ({@code -} when the whole record is at fault). The topology test and the broker IT both
 * assert exactly this.
 */
public final class HostileOutcomes {

    /** The lake event ids and dead letters one record yields. */
    public record Outcome(List<String> lakeEventIds, List<String> deadLetters) {
    }

    public static final Map<String, Outcome> EXPECTED = Map.ofEntries(
            // Jackson's read limits (nesting 1,000, number 1,000 digits, name 50,000): one safe description
            Map.entry(DEEP_NESTING, dead("UNDECODABLE:-")),
            Map.entry(LONG_NUMBER, dead("UNDECODABLE:-")),
            Map.entry(LONG_FIELD_NAME, dead("UNDECODABLE:-")),
            // valid JSON, but properties longer than Personalize accepts: the lake holds what Personalize holds
            Map.entry(HUGE_VALID, dead("PROPERTIES_TOO_LONG:properties")),
            Map.entry(HUGE_INVALID, dead("UNDECODABLE:-")),
            Map.entry(INVALID_UTF8, dead("UNDECODABLE:-")),
            // RFC 8259 lets a parser ignore a byte-order mark; Jackson's byte reader and Kafka's JsonConverter do
            Map.entry(BOM, lake("h-bom")),
            // JSON forbids raw control characters in strings...
            Map.entry(RAW_NUL, dead("UNDECODABLE:-")),
            // ...but an escaped NUL is valid JSON and valid Unicode: the id is kept as sent (escaped in the row JSON)
            Map.entry(ESCAPED_NUL, lake("h-escaped-nul")),
            // an unpaired surrogate is not Unicode: written as UTF-8 it would silently become '?'
            Map.entry(LONE_SURROGATE, dead("UNDECODABLE:item_id")),
            Map.entry(DUPLICATE_KEYS, dead("UNDECODABLE:-")),
            Map.entry(TOMBSTONE, dead("UNDECODABLE:-")),
            Map.entry(EMPTY_VALUE, dead("UNDECODABLE:-")),
            // the repartition by USER_ID makes the record key irrelevant
            Map.entry(NULL_KEY, lake("h-null-key")),
            Map.entry(EMPTY_KEY, lake("h-empty-key")),
            Map.entry(EMPTY_STRINGS, dead("EMPTY_FIELD:user_id")),
            Map.entry(NOT_AN_OBJECT, dead("NOT_AN_OBJECT:-")),
            // 253402300799 is the year 9999 in seconds, but with the default unit AUTO every number >= 1e11 is
            // milliseconds (1e11 s would be the year 5138): it reads as 1978-01-12, and with no age limit by
            // default that is history the lake keeps. With collator.timestamp.unit=SECONDS it is
            // TIMESTAMP_IN_FUTURE (HostileCorpusTopologyTest checks both).
            Map.entry(FAR_FUTURE_EVENT_TIME, lake("h-far-future-event")),
            // the record timestamp is bounded by the collator's clock, so it cannot move the dedupe store's time
            Map.entry(FAR_FUTURE_RECORD_TIME, dead("TIMESTAMP_IN_FUTURE:-")),
            Map.entry(PRE_EPOCH, dead("TIMESTAMP_NEGATIVE:timestamp")),
            // headers are carried, never read: only dead letters copy them, byte for byte
            Map.entry(NON_UTF8_HEADER, lake("h-non-utf8-header")),
            Map.entry(BATCH_ONE_BAD, new Outcome(List.of("h-batch-good"), List.of("MISSING_FIELD:event_type"))));

    private HostileOutcomes() {
    }

    private static Outcome lake(String eventId) {
        return new Outcome(List.of(eventId), List.of());
    }

    private static Outcome dead(String reason) {
        return new Outcome(List.of(), List.of(reason));
    }
}
