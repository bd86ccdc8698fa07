package io.lakeloop.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeloop.event.FieldNames;
import io.lakeloop.event.Interaction;
import io.lakeloop.event.InteractionParser;
import io.lakeloop.event.ParseResult;
import io.lakeloop.event.ReasonCode;
import io.lakeloop.event.Rejection;
import io.lakeloop.event.TimestampNormalizer;
import io.lakeloop.event.TimestampUnit;
import io.lakeloop.event.ValidationTarget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ClickstreamGeneratorTest {

    private static final Instant FROM = Instant.parse("2026-11-26T08:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-26T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T10:05:00Z"), ZoneOffset.UTC);

    private static Clickstream generate(int events, long seed) {
        return ClickstreamGenerator.generate(ClickstreamGenerator.Settings.defaults(events, "t3st", FROM, TO, seed));
    }

    @Test
    void makesExactlyTheRequestedNumberOfEventsWithUniqueIds() {
        Clickstream stream = generate(2000, 1);
        assertThat(stream.events()).hasSize(2000);
        List<String> ids = stream.events().stream().map(ExpectedEvent::eventId).filter(java.util.Objects::nonNull)
                .toList();
        assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
        assertThat(stream.eventIds(EventFate.GOOD)).allMatch(id -> id.startsWith("t3st-e"));
        assertThat(stream.day()).isEqualTo(LocalDate.of(2026, 11, 26));
    }

    @Test
    void aLiveStreamArrivesSessionBySessionInBurstsAtTheRateOfItsWindow() {
        Instant to = FROM.plusSeconds(10);
        Clickstream stream = ClickstreamGenerator.generate(ClickstreamGenerator.Settings.live(5000, "t3st", FROM, to,
                7));

        assertThat(stream.events()).hasSize(5000);
        assertThat(stream.records()).extracting(DemoRecord::timestampMs).isSorted()
                .allMatch(t -> t >= FROM.toEpochMilli() && t <= to.toEpochMilli());
        Map<String, long[]> sessionSpan = new TreeMap<>();
        for (DemoRecord record : stream.records()) {
            String session = io.lakeloop.event.RecordValues.JSON.valueToTree(parse(record.value()))
                    .path("session_id").asText();
            if (session.isEmpty()) {
                continue; // a deliberately broken record that is not JSON
            }
            sessionSpan.merge(session, new long[] {record.timestampMs(), record.timestampMs()},
                    (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
        }
        assertThat(sessionSpan.values()).allMatch(span -> span[1] - span[0]
                <= ClickstreamGenerator.Settings.LIVE_SESSION_SPAN_MS);
        // about the same number of events every second of the window
        long firstHalf = stream.records().stream().filter(r -> r.timestampMs() < FROM.toEpochMilli() + 5000)
                .mapToLong(r -> r.events().size()).sum();
        assertThat(firstHalf).isBetween(2000L, 3000L);
        assertThat(ClickstreamGenerator.generate(ClickstreamGenerator.Settings.live(500, "t3st", FROM, to, 7))
                .records()).isEqualTo(ClickstreamGenerator.generate(ClickstreamGenerator.Settings.live(500, "t3st",
                FROM, to, 7)).records());
    }

    private static Object parse(String json) {
        try {
            return io.lakeloop.event.RecordValues.JSON.readTree(json);
        } catch (java.io.IOException e) {
            return io.lakeloop.event.RecordValues.JSON.createObjectNode();
        }
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherStream() {
        assertThat(generate(500, 9).records()).isEqualTo(generate(500, 9).records());
        assertThat(generate(500, 9).records()).isNotEqualTo(generate(500, 10).records());
    }

    @Test
    void usersFollowZipfAndMeetPersonalizesTrainingMinimums() {
        Clickstream stream = generate(2000, 3);
        Map<String, Long> perUser = stream.goodEventsPerUser();
        List<Long> counts = new ArrayList<>(perUser.values());
        counts.sort(java.util.Comparator.reverseOrder());
        long top10 = counts.stream().limit(10).mapToLong(Long::longValue).sum();
        // heavy head: the 10 busiest of ~250 users make far more than 10/250 of the traffic
        assertThat((double) top10 / stream.count(EventFate.GOOD)).isGreaterThan(0.2);
        assertThat(stream.count(EventFate.GOOD)).isGreaterThanOrEqualTo(1000);
        assertThat(Clickstream.usersWithAtLeast(perUser.values(), 2)).isGreaterThanOrEqualTo(25);
    }

    @Test
    void everyRecordParsesAsTheManifestSaysForPersonalizeAndForTheLake() {
        Clickstream stream = generate(1500, 5);
        InteractionParser putEvents = parser(ValidationTarget.PUT_EVENTS);
        InteractionParser lake = parser(ValidationTarget.LAKE);
        Map<String, Long> lakeReasons = new TreeMap<>();
        Set<String> personalizeIds = new HashSet<>();
        Set<String> lakeIds = new HashSet<>();
        Set<String> shapes = new HashSet<>();
        for (DemoRecord record : stream.records()) {
            shapes.add(record.value().contains("\"event_list\"") ? "batch" : record.value().startsWith("{")
                    ? "flat" : "other");
            ParseResult forPersonalize = putEvents.parse(record.value());
            forPersonalize.events().forEach(e -> personalizeIds.add(e.eventId()));
            ParseResult forLake = lake.parse(record.value());
            forLake.events().forEach(e -> lakeIds.add(e.eventId()));
            for (Rejection r : forLake.rejections()) {
                lakeReasons.merge(r.code().name(), 1L, Long::sum);
            }
            for (Interaction e : forLake.events()) {
                assertThat(e.sentAt()).isBetween(FROM, TO.plusSeconds(10));
            }
        }
        assertThat(shapes).contains("batch", "flat", "other");
        assertThat(personalizeIds).isEqualTo(stream.eventIds(EventFate.GOOD, EventFate.ANONYMOUS));
        assertThat(lakeIds).isEqualTo(stream.eventIds(EventFate.GOOD));
        assertThat(lakeReasons).isEqualTo(stream.deadLetterReasons());
    }

    @Test
    void mixesEveryKindOfBrokenEventAndAFewAnonymousOnes() {
        Clickstream stream = generate(2000, 11);
        assertThat(stream.deadLetterReasons()).containsOnlyKeys(ReasonCode.UNDECODABLE.name(),
                ReasonCode.MISSING_FIELD.name(), ReasonCode.PROPERTIES_RESERVED_KEY.name(),
                ReasonCode.TIMESTAMP_UNPARSEABLE.name(), ReasonCode.IMPRESSION_SIZE.name(),
                ReasonCode.FIELD_TOO_LONG.name(), ReasonCode.EMPTY_FIELD.name());
        assertThat(stream.count(EventFate.BAD)).isEqualTo(20);
        assertThat(stream.count(EventFate.ANONYMOUS)).isEqualTo(10);
        assertThat(stream.records()).anySatisfy(r -> assertThat(r.events()).extracting(ExpectedEvent::fate)
                .contains(EventFate.GOOD, EventFate.BAD));
        // the record that once stopped the whole stack (issue 11): nested five times past Jackson's limit
        assertThat(stream.records()).filteredOn(r -> r.value().contains("[".repeat(BadEvents.NESTING_DEPTH)))
                .hasSize(2) // 20 broken records, 8 kinds in turn: the 7th and the 15th
                .allSatisfy(r -> assertThat(r.events()).extracting(ExpectedEvent::reason)
                        .containsExactly(ReasonCode.UNDECODABLE));
    }

    @Test
    void recordsAreInEventTimeOrderAndKeyedByUser() {
        Clickstream stream = generate(800, 2);
        List<Long> times = stream.records().stream().map(DemoRecord::timestampMs).toList();
        assertThat(times).isSorted();
        stream.records().stream().filter(r -> r.events().get(0).userId() != null)
                .forEach(r -> assertThat(r.key()).isEqualTo(r.events().get(0).userId()));
    }

    @Test
    void refusesAWindowAcrossMidnightOrTooFewEvents() {
        assertThatThrownBy(() -> ClickstreamGenerator.Settings.defaults(100, "t3st",
                Instant.parse("2026-11-26T23:00:00Z"), Instant.parse("2026-11-27T01:00:00Z"), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same UTC day");
        assertThatThrownBy(() -> ClickstreamGenerator.Settings.defaults(5, "t3st", FROM, TO, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static InteractionParser parser(ValidationTarget target) {
        return new InteractionParser(FieldNames.defaults(),
                new TimestampNormalizer(TimestampUnit.AUTO, Duration.ofMinutes(5), Duration.ofDays(30), CLOCK),
                target);
    }
}
