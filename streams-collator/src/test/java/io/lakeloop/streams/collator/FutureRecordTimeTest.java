package io.lakeloop.streams.collator;

import static io.lakeloop.streams.collator.CollatorDriver.T0;
import static io.lakeloop.streams.collator.CollatorDriver.bytes;
import static io.lakeloop.streams.collator.CollatorDriver.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakeloop.lake.LakeRow;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A record stamped far in the future must not move the dedupe store's time (issue 11, item 6): it is rejected
 * beyond the future skew, collated at the collator's clock within it, and a later copy of an earlier event is still
 * dropped — under both timestamp references, with and without the repartition step.
 */
class FutureRecordTimeTest {

    static final long TS = T0.getEpochSecond();
    static final Instant YEAR_2200 = Instant.parse("2200-01-01T00:00:00Z");

    @TempDir
    Path stateDir;

    static Stream<Arguments> configurations() {
        return Stream.of(
                Arguments.of("RECORD", true), Arguments.of("WALLCLOCK", true),
                Arguments.of("RECORD", false), Arguments.of("WALLCLOCK", false));
    }

    static String ev(String eventId) {
        return "{\"user_id\":\"u\",\"session_id\":\"s\",\"item_id\":\"i\",\"event_type\":\"click\",\"timestamp\":" + TS
                + ",\"event_id\":\"" + eventId + "\"}";
    }

    private CollatorDriver driver(String reference, boolean repartition) {
        return new CollatorDriver(stateDir, Map.of("collator.timestamp.reference", reference,
                "collator.dedupe.repartition", repartition));
    }

    @ParameterizedTest(name = "reference {0}, repartition {1}")
    @MethodSource("configurations")
    void aLaterCopyIsStillDroppedAfterARecordFromTheYear2200(String reference, boolean repartition) {
        try (CollatorDriver c = driver(reference, repartition)) {
            c.send("u", ev("e-1"), T0);
            c.sendAheadOfTheClock("interactions", bytes("u"), bytes(ev("e-future")), new RecordHeaders(), YEAR_2200);
            c.send("u", ev("e-1"), T0.plusSeconds(1));

            assertThat(c.lakeRows()).extracting(LakeRow::eventId).containsExactly("e-1");
            assertThat(c.metrics.duplicatesDropped()).isEqualTo(1);
            TestRecord<byte[], byte[]> dead = c.dlq.readRecord();
            assertThat(header(dead, DeadLetterHeaders.REASON_CODE)).isEqualTo("TIMESTAMP_IN_FUTURE");
            assertThat(header(dead, DeadLetterHeaders.REASON_FIELD)).isNull();
            // written at the collator's clock (a Kafka 4 broker refuses far-future timestamps), the original kept
            assertThat(dead.getRecordTime()).isEqualTo(T0);
            assertThat(header(dead, DeadLetterHeaders.SOURCE_TIMESTAMP)).isEqualTo(Long.toString(YEAR_2200.toEpochMilli()));
            assertThat(dead.value()).isEqualTo(bytes(ev("e-future")));
        }
    }

    @ParameterizedTest(name = "reference {0}, repartition {1}")
    @MethodSource("configurations")
    void aRecordAheadWithinTheSkewIsCollatedAtTheClocksTimeAndCannotExpireTheStore(String reference,
                                                                                  boolean repartition) {
        try (CollatorDriver c = driver(reference, repartition)) {
            c.send("u", ev("e-1"), T0);
            // 23 hours ahead of the clock: within the default skew of one day
            Instant ahead = T0.plus(Duration.ofHours(23));
            c.sendAheadOfTheClock("interactions", bytes("u"), bytes(ev("e-ahead")), new RecordHeaders(), ahead);
            // the window is 24 h: had the store's time moved 23 h ahead, e-1 would be forgotten 1 h later
            c.send("u", ev("e-1"), T0.plus(Duration.ofHours(2)));

            List<TestRecord<String, String>> rows = c.lake.readRecordsToList();
            assertThat(rows).extracting(r -> LakeRow.fromJson(r.value()).eventId()).containsExactly("e-1", "e-ahead");
            assertThat(rows.get(1).getRecordTime()).isEqualTo(T0);
            assertThat(c.dlq.isEmpty()).isTrue();
        }
    }

    @ParameterizedTest(name = "reference {0}, repartition {1}")
    @MethodSource("configurations")
    void aSmallerSkewIsHonouredForRecordTimestamps(String reference, boolean repartition) {
        try (CollatorDriver c = new CollatorDriver(stateDir, Map.of("collator.timestamp.reference", reference,
                "collator.dedupe.repartition", repartition, "collator.timestamp.max.future.skew.ms", 60_000))) {
            c.sendAheadOfTheClock("interactions", bytes("u"), bytes(ev("e-1")), new RecordHeaders(),
                    T0.plusSeconds(61));
            c.sendAheadOfTheClock("interactions", bytes("u"), bytes(ev("e-2")), new RecordHeaders(),
                    T0.plusSeconds(60));

            assertThat(c.lakeRows()).extracting(LakeRow::eventId).containsExactly("e-2");
            assertThat(header(c.dlq.readRecord(), DeadLetterHeaders.REASON_CODE)).isEqualTo("TIMESTAMP_IN_FUTURE");
        }
    }
}
