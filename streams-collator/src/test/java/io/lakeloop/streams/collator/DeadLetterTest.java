package io.lakeloop.streams.collator;

import static io.lakeloop.streams.collator.CollatorDriver.T0;
import static io.lakeloop.streams.collator.CollatorDriver.bytes;
import static io.lakeloop.streams.collator.CollatorDriver.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakeloop.event.ReasonCode;
import io.lakeloop.lake.LakeRow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every reason a record or event is rejected, through the real topology, with the dead-letter headers. */
class DeadLetterTest {

    static final long TS = T0.getEpochSecond();

    @TempDir
    Path stateDir;
    CollatorDriver c;

    @BeforeEach
    void start() {
        // the age limit is opt-in (none by default): on here, at 30 days, so TIMESTAMP_TOO_OLD has its case
        c = new CollatorDriver(stateDir, java.util.Map.of("collator.timestamp.max.age.ms", THIRTY_DAYS_MS));
    }

    static final long THIRTY_DAYS_MS = 30L * 86_400_000;

    @AfterEach
    void stop() {
        c.close();
    }

    static String ev(String extra) {
        return "{\"user_id\":\"u\",\"session_id\":\"s\",\"item_id\":\"i\",\"event_type\":\"click\",\"timestamp\":" + TS
                + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    static String x(int n) {
        return "x".repeat(n);
    }

    static Stream<Arguments> rejected() {
        String noTs = ev("").replace(",\"timestamp\":" + TS, "");
        return Stream.of(
                Arguments.of(ReasonCode.UNDECODABLE, new byte[] {(byte) 0xC3, (byte) 0x28}, null),
                Arguments.of(ReasonCode.UNDECODABLE, bytes("{not json"), null),
                Arguments.of(ReasonCode.UNDECODABLE, null, null),
                Arguments.of(ReasonCode.UNDECODABLE, new byte[0], null),
                Arguments.of(ReasonCode.NOT_AN_OBJECT, bytes("[1,2]"), null),
                Arguments.of(ReasonCode.MISSING_FIELD, bytes(ev("").replace("\"user_id\":\"u\",", "")), "user_id"),
                Arguments.of(ReasonCode.MISSING_FIELD, bytes(ev("").replace("\"item_id\":\"i\",", "")), "item_id"),
                Arguments.of(ReasonCode.MISSING_FIELD, bytes(noTs), "timestamp"),
                Arguments.of(ReasonCode.EMPTY_FIELD, bytes(ev("").replace("\"i\"", "\"\"")), "item_id"),
                Arguments.of(ReasonCode.FIELD_TOO_LONG, bytes(ev("").replace("\"u\"", "\"" + x(257) + "\"")), "user_id"),
                Arguments.of(ReasonCode.WRONG_TYPE, bytes(ev("").replace("\"u\"", "{\"a\":1}")), "user_id"),
                Arguments.of(ReasonCode.EMPTY_EVENT_LIST, bytes("{\"user_id\":\"u\",\"event_list\":[]}"), "event_list"),
                Arguments.of(ReasonCode.IMPRESSION_SIZE, bytes(ev("\"impression\":[]")), "impression"),
                Arguments.of(ReasonCode.PROPERTIES_NOT_JSON, bytes(ev("\"properties\":\"{oops\"")), "properties"),
                Arguments.of(ReasonCode.PROPERTIES_TOO_LONG, bytes(ev("\"properties\":{\"k\":\"" + x(1100) + "\"}")),
                        "properties"),
                Arguments.of(ReasonCode.PROPERTIES_RESERVED_KEY, bytes(ev("\"properties\":{\"userId\":\"x\"}")),
                        "properties"),
                Arguments.of(ReasonCode.EVENT_VALUE_INVALID, bytes(ev("\"event_value\":\"abc\"")), "event_value"),
                Arguments.of(ReasonCode.ATTRIBUTION_SOURCE_INVALID,
                        bytes(ev("\"metric_attribution\":{\"eventAttributionSource\":\"   \"}")),
                        "metric_attribution.eventAttributionSource"),
                Arguments.of(ReasonCode.TIMESTAMP_UNPARSEABLE, bytes(ev("").replace("" + TS, "\"soon\"")), "timestamp"),
                Arguments.of(ReasonCode.TIMESTAMP_NOT_FINITE, bytes(ev("").replace("" + TS, "\"NaN\"")), "timestamp"),
                Arguments.of(ReasonCode.TIMESTAMP_NEGATIVE, bytes(ev("").replace("" + TS, "-5")), "timestamp"),
                // the record says "now" is T0: one day plus a second ahead is too far, 30 days plus a second too old
                Arguments.of(ReasonCode.TIMESTAMP_IN_FUTURE, bytes(ev("").replace("" + TS, "" + (TS + 86_401))),
                        "timestamp"),
                Arguments.of(ReasonCode.TIMESTAMP_TOO_OLD, bytes(ev("").replace("" + TS, "" + (TS - 30 * 86_400 - 1))),
                        "timestamp"),
                Arguments.of(ReasonCode.UNDECODABLE, bytes(ev("").replace("\"i\"", "\"\\udc00\"")), "item_id"));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("rejected")
    void rejectedRecordGoesToTheDlqUnchangedWithItsReason(ReasonCode code, byte[] value, String field) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace", bytes("t-1"));
        headers.add(DeadLetterHeaders.REASON_CODE, bytes("STALE_FROM_AN_EARLIER_RUN"));
        c.send("interactions", bytes("key-1"), value, headers, T0);

        assertThat(c.lake.isEmpty()).isTrue();
        TestRecord<byte[], byte[]> dead = c.dlq.readRecord();
        assertThat(c.dlq.isEmpty()).isTrue();
        assertThat(dead.key()).isEqualTo(bytes("key-1"));
        assertThat(dead.value()).isEqualTo(value);
        assertThat(dead.getRecordTime()).isEqualTo(T0);
        assertThat(header(dead, DeadLetterHeaders.REASON_CODE)).isEqualTo(code.name());
        assertThat(dead.headers().headers(DeadLetterHeaders.REASON_CODE)).hasSize(1);
        assertThat(header(dead, DeadLetterHeaders.REASON_FIELD)).isEqualTo(field);
        assertThat(header(dead, DeadLetterHeaders.REASON_MESSAGE)).isNotBlank();
        assertThat(header(dead, DeadLetterHeaders.EVENT_INDEX)).isEqualTo("-1");
        assertThat(header(dead, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("interactions");
        assertThat(header(dead, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("0");
        assertThat(header(dead, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("0");
        assertThat(header(dead, "trace")).isEqualTo("t-1");
        assertThat(c.metrics.rejected(code)).isEqualTo(1);
        assertThat(c.metrics.rejectedTotal()).isEqualTo(1);
    }

    @Test
    void everyReasonCodeIsCovered() {
        Set<ReasonCode> covered = rejected().map(a -> (ReasonCode) a.get()[0]).collect(Collectors.toSet());
        // the collator's own codes (PROCESSING_FAILED, OUTPUT_REFUSED) have their own tests: PoisonRecordTest,
        // OutputRefusedTest
        assertThat(covered).containsExactlyInAnyOrderElementsOf(EnumSet.allOf(ReasonCode.class));
    }

    @Test
    void messagesNeverCarryTheIdsOrValues() {
        String secret = "user-4711-secret";
        c.send("k", ev("").replace("\"i\"", "\"\"").replace("\"u\"", "\"" + secret + "\""), T0);
        c.send("k", "{\"user_id\":\"" + secret + "\", oops", T0);

        for (TestRecord<byte[], byte[]> dead : c.dlq.readRecordsToList()) {
            assertThat(header(dead, DeadLetterHeaders.REASON_MESSAGE)).doesNotContain(secret);
        }
    }

    @Test
    void batchWithBadEventsYieldsOneDeadLetterPerBadEventAndTheGoodRows() {
        String batch = "{\"user_id\":\"u\",\"session_id\":\"s\",\"event_list\":["
                + "{\"eventType\":\"click\",\"itemId\":\"ok-0\",\"sentAt\":" + TS + "},"
                + "{\"eventType\":\"click\",\"sentAt\":" + TS + "},"
                + "{\"eventType\":\"click\",\"itemId\":\"ok-2\",\"sentAt\":" + TS + "},"
                + "\"not an event\","
                + "{\"eventType\":\"click\",\"itemId\":\"old\",\"sentAt\":1000000000}]}";
        c.send("interactions", bytes("u"), bytes(batch), new RecordHeaders(), T0);
        c.send("u", ev(""), T0);

        assertThat(c.lakeRows()).extracting(LakeRow::itemId).containsExactly("ok-0", "ok-2", "i");
        List<TestRecord<byte[], byte[]>> dead = c.dlq.readRecordsToList();
        assertThat(dead).extracting(r -> header(r, DeadLetterHeaders.EVENT_INDEX)).containsExactly("1", "3", "4");
        assertThat(dead).extracting(r -> header(r, DeadLetterHeaders.REASON_CODE))
                .containsExactly("MISSING_FIELD", "WRONG_TYPE", "TIMESTAMP_TOO_OLD");
        assertThat(dead).allSatisfy(r -> {
            assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo(batch);
            assertThat(header(r, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("0");
        });
    }

    @Test
    void sourceOffsetsIdentifyEachRecord() {
        c.send("u", "bad-0", T0);
        c.send("u", ev(""), T0);
        c.send("u", "bad-2", T0);

        assertThat(c.dlq.readRecordsToList()).extracting(r -> header(r, DeadLetterHeaders.SOURCE_OFFSET))
                .containsExactly("0", "2");
    }

    @Test
    void wallClockReferenceJudgesAgeByTheCollatorsClock() {
        c.close();
        c = new CollatorDriver(stateDir, java.util.Map.of("collator.timestamp.reference", "WALLCLOCK",
                "collator.timestamp.max.age.ms", THIRTY_DAYS_MS));
        // T0 (2024) is far more than 30 days before the wall clock: too old, although the record time is T0
        c.send("u", ev(""), T0);

        assertThat(header(c.dlq.readRecord(), DeadLetterHeaders.REASON_CODE)).isEqualTo("TIMESTAMP_TOO_OLD");
    }

    @Test
    void historyIsCollatedByDefaultWithoutAnAgeLimit() {
        c.close();
        c = new CollatorDriver(stateDir);
        // 2001 and 2023 events arriving in 2024 (a backfill): the lake exists for history
        c.send("u", ev("").replace("" + TS, "1000000000"), T0);
        c.send("u", ev("").replace("" + TS, "1700000000"), T0);

        assertThat(c.lakeRows()).extracting(LakeRow::timestamp).containsExactly(1_000_000_000L, 1_700_000_000L);
        assertThat(c.dlq.isEmpty()).isTrue();
        assertThat(CollatorConfig.CONFIG_DEF.configKeys().get("collator.timestamp.max.age.ms").defaultValue)
                .isEqualTo(-1L);
    }
}
