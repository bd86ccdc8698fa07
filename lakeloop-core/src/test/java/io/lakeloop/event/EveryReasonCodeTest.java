package io.lakeloop.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One rejected record per reason code (and per model limit), each next to a boundary case that passes. */
class EveryReasonCodeTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC);
    private static final InteractionParser PARSER = new InteractionParser(FieldNames.defaults(),
            new TimestampNormalizer(TimestampUnit.AUTO, Duration.ofDays(1), Duration.ofDays(3650), CLOCK),
            ValidationTarget.LAKE);

    private static String ev(String extra) {
        return "{\"user_id\":\"u\",\"session_id\":\"s\",\"item_id\":\"i\",\"event_type\":\"click\",\"timestamp\":1700000000"
                + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    private static String str(int n) {
        return "x".repeat(n);
    }

    private static String props(int length) {
        // {"k":"xxx"} is 8 characters plus the padding
        return "{\\\"k\\\":\\\"" + str(length - 8) + "\\\"}";
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                Arguments.of(ReasonCode.UNDECODABLE, new byte[] {(byte) 0xC3, (byte) 0x28}, null),
                Arguments.of(ReasonCode.UNDECODABLE, "{not json", null),
                Arguments.of(ReasonCode.UNDECODABLE, null, null),
                Arguments.of(ReasonCode.UNDECODABLE, 42, null),
                Arguments.of(ReasonCode.UNDECODABLE, ev("").replace("\"i\"", "\"\\ud800\""), "item_id"),
                Arguments.of(ReasonCode.UNDECODABLE, ev("").replace("\"u\"", "\"a\\udc00b\""), "user_id"),
                Arguments.of(ReasonCode.UNDECODABLE, ev("\"event_id\":\"\\ud800\\ud800\\udc00\""), "event_id"),
                Arguments.of(ReasonCode.NOT_AN_OBJECT, "[1,2]", null),
                Arguments.of(ReasonCode.NOT_AN_OBJECT, "\"text\"", null),
                Arguments.of(ReasonCode.MISSING_FIELD, "{\"user_id\":\"u\",\"item_id\":\"i\",\"timestamp\":1700000000}", "event_type"),
                Arguments.of(ReasonCode.MISSING_FIELD, "{\"user_id\":\"u\",\"item_id\":\"i\",\"event_type\":\"c\"}", "timestamp"),
                Arguments.of(ReasonCode.EMPTY_FIELD, ev("").replace("\"item_id\":\"i\"", "\"item_id\":\"\""), "item_id"),
                Arguments.of(ReasonCode.FIELD_TOO_LONG, ev("").replace("\"u\"", "\"" + str(257) + "\""), "user_id"),
                Arguments.of(ReasonCode.FIELD_TOO_LONG, ev("").replace("\"i\"", "\"" + str(257) + "\""), "item_id"),
                Arguments.of(ReasonCode.FIELD_TOO_LONG, ev("").replace("\"click\"", "\"" + str(257) + "\""), "event_type"),
                Arguments.of(ReasonCode.FIELD_TOO_LONG, ev("").replace("\"s\"", "\"" + str(257) + "\""), "session_id"),
                Arguments.of(ReasonCode.FIELD_TOO_LONG, ev("\"event_id\":\"" + str(257) + "\""), "event_id"),
                Arguments.of(ReasonCode.FIELD_TOO_LONG, ev("\"recommendation_id\":\"" + str(41) + "\""), "recommendation_id"),
                Arguments.of(ReasonCode.WRONG_TYPE, ev("").replace("\"u\"", "{\"a\":1}"), "user_id"),
                Arguments.of(ReasonCode.WRONG_TYPE, ev("\"event_value\":[1]"), "event_value"),
                Arguments.of(ReasonCode.WRONG_TYPE, ev("\"impression\":\"i1\""), "impression"),
                Arguments.of(ReasonCode.WRONG_TYPE, ev("\"properties\":7"), "properties"),
                Arguments.of(ReasonCode.WRONG_TYPE, ev("\"metric_attribution\":\"x\""), "metric_attribution"),
                Arguments.of(ReasonCode.WRONG_TYPE, "{\"user_id\":\"u\",\"session_id\":\"s\",\"event_list\":{}}", "event_list"),
                Arguments.of(ReasonCode.EMPTY_EVENT_LIST, "{\"user_id\":\"u\",\"session_id\":\"s\",\"event_list\":[]}", "event_list"),
                Arguments.of(ReasonCode.IMPRESSION_SIZE, ev("\"impression\":[]"), "impression"),
                Arguments.of(ReasonCode.IMPRESSION_SIZE, ev("\"impression\":[" + "\"a\",".repeat(25) + "\"z\"]"), "impression"),
                Arguments.of(ReasonCode.PROPERTIES_NOT_JSON, ev("\"properties\":\"{oops\""), "properties"),
                Arguments.of(ReasonCode.PROPERTIES_NOT_JSON, ev("\"properties\":\"[1]\""), "properties"),
                Arguments.of(ReasonCode.PROPERTIES_TOO_LONG, ev("\"properties\":\"" + props(1025) + "\""), "properties"),
                Arguments.of(ReasonCode.PROPERTIES_RESERVED_KEY, ev("\"properties\":{\"UserId\":\"x\"}"), "properties"),
                Arguments.of(ReasonCode.PROPERTIES_RESERVED_KEY, ev("\"properties\":{\"timestamp\":1}"), "properties"),
                Arguments.of(ReasonCode.EVENT_VALUE_INVALID, ev("\"event_value\":\"abc\""), "event_value"),
                Arguments.of(ReasonCode.EVENT_VALUE_INVALID, ev("\"event_value\":1e39"), "event_value"),
                Arguments.of(ReasonCode.ATTRIBUTION_SOURCE_INVALID, ev("\"metric_attribution\":{\"eventAttributionSource\":\"   \"}"),
                        "metric_attribution.eventAttributionSource"),
                Arguments.of(ReasonCode.ATTRIBUTION_SOURCE_INVALID, ev("\"metric_attribution\":{\"eventAttributionSource\":\""
                        + str(1025) + "\"}"), "metric_attribution.eventAttributionSource"),
                Arguments.of(ReasonCode.TIMESTAMP_UNPARSEABLE, ev("").replace("1700000000", "\"soon\""), "timestamp"),
                Arguments.of(ReasonCode.TIMESTAMP_NOT_FINITE, ev("").replace("1700000000", "\"NaN\""), "timestamp"),
                Arguments.of(ReasonCode.TIMESTAMP_NEGATIVE, ev("").replace("1700000000", "-1"), "timestamp"),
                Arguments.of(ReasonCode.TIMESTAMP_IN_FUTURE, ev("").replace("1700000000", "1900000000"), "timestamp"),
                Arguments.of(ReasonCode.TIMESTAMP_TOO_OLD, ev("").replace("1700000000", "1000000000"), "timestamp"));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("rejected")
    void rejectsWithReasonAndField(ReasonCode code, Object value, String field) {
        ParseResult result = PARSER.parse(value);
        assertThat(result.events()).isEmpty();
        assertThat(result.rejections()).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo(code);
            assertThat(r.field()).isEqualTo(field);
            assertThat(r.message()).isNotBlank();
            if (field != null) {
                assertThat(r.message()).contains(field);
            }
        });
    }

    static Stream<Arguments> boundaries() {
        return Stream.of(
                Arguments.of(ev("").replace("\"u\"", "\"" + str(256) + "\"")),
                Arguments.of(ev("").replace("\"i\"", "\"" + str(256) + "\"")),
                Arguments.of(ev("").replace("\"click\"", "\"" + str(256) + "\"")),
                Arguments.of(ev("\"event_id\":\"" + str(256) + "\"")),
                Arguments.of(ev("\"recommendation_id\":\"" + str(40) + "\"")),
                Arguments.of(ev("\"impression\":[" + "\"a\",".repeat(24) + "\"z\"]")),
                Arguments.of(ev("\"properties\":\"" + props(1024) + "\"")),
                Arguments.of(ev("\"properties\":{\"userIdentifier\":\"x\"}")),
                Arguments.of(ev("\"event_value\":3.4e38")),
                Arguments.of(ev("\"metric_attribution\":{\"eventAttributionSource\":\"" + str(1024) + "\"}")),
                Arguments.of(ev("").replace("1700000000", "1717286399")),
                // a surrogate pair is valid Unicode (U+1F600), and so is an escaped NUL
                Arguments.of(ev("").replace("\"i\"", "\"\\ud83d\\ude00\"").replace("\"s\"", "\"s\\u0000t\"")));
    }

    @ParameterizedTest
    @MethodSource("boundaries")
    void acceptsTheBoundary(String value) {
        ParseResult result = PARSER.parse(value);
        assertThat(result.rejections()).isEmpty();
        assertThat(result.events()).hasSize(1);
    }

    @Test
    void everyReasonCodeHasARejectedCase() {
        Set<ReasonCode> covered = rejected().map(a -> (ReasonCode) a.get()[0]).collect(Collectors.toSet());
        assertThat(covered).containsExactlyInAnyOrderElementsOf(EnumSet.allOf(ReasonCode.class));
    }
}
