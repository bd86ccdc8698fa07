package io.lakeloop.streams.collator;

import static io.lakeloop.streams.collator.CollatorDriver.T0;
import static io.lakeloop.streams.collator.CollatorDriver.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakeloop.lake.LakeRow;
import io.lakeloop.testkit.HostileCorpus;
import io.lakeloop.testkit.HostileRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared hostile corpus through the real topology: per record exactly the outcome HostileOutcomes states. */
class HostileCorpusTopologyTest {

    @TempDir
    Path stateDir;

    @Test
    void everyCorpusNameHasADecidedOutcome() {
        assertThat(HostileOutcomes.EXPECTED).containsOnlyKeys(HostileCorpus.byName().keySet());
    }

    @Test
    void eachHostileRecordYieldsExactlyItsDecidedOutcomeAndTheControlsAllPass() {
        List<HostileRecord> corpus = HostileCorpus.records();
        List<HostileRecord> controls = HostileCorpus.controls(20);
        try (CollatorDriver c = new CollatorDriver(stateDir)) {
            List<String> names = new ArrayList<>();
            for (HostileRecord r : corpus) {
                send(c, r);
                names.add(r.name());
            }
            controls.forEach(r -> send(c, r));

            Map<String, List<String>> lake = new HashMap<>();
            for (LakeRow row : c.lakeRows()) {
                lake.computeIfAbsent(row.eventId().startsWith("c-event-") ? "control" : nameOf(row.eventId()),
                        k -> new ArrayList<>()).add(row.eventId());
            }
            Map<String, List<String>> dead = new HashMap<>();
            for (TestRecord<byte[], byte[]> d : c.dlq.readRecordsToList()) {
                int offset = Integer.parseInt(header(d, DeadLetterHeaders.SOURCE_OFFSET));
                String field = header(d, DeadLetterHeaders.REASON_FIELD);
                dead.computeIfAbsent(names.get(offset), k -> new ArrayList<>())
                        .add(header(d, DeadLetterHeaders.REASON_CODE) + ":" + (field == null ? "-" : field));
            }
            for (HostileRecord r : corpus) {
                HostileOutcomes.Outcome expected = HostileOutcomes.EXPECTED.get(r.name());
                assertThat(lake.getOrDefault(r.name(), List.of())).as(r.name() + " lake rows")
                        .isEqualTo(expected.lakeEventIds());
                assertThat(dead.getOrDefault(r.name(), List.of())).as(r.name() + " dead letters")
                        .isEqualTo(expected.deadLetters());
            }
            assertThat(lake.get("control")).containsExactlyElementsOf(
                    controls.stream().map(r -> HostileCorpus.controlEventId(controls.indexOf(r))).toList());
            assertThat(c.metrics.deadLettersWithoutPayload()).isZero();
        }
    }

    @Test
    void theYear9999InSecondsIsInTheFutureWhenTimestampsAreSeconds() {
        try (CollatorDriver c = new CollatorDriver(stateDir, Map.of("collator.timestamp.unit", "SECONDS"))) {
            send(c, HostileCorpus.byName().get(HostileCorpus.FAR_FUTURE_EVENT_TIME));
            send(c, HostileCorpus.controls(1).get(0));

            TestRecord<byte[], byte[]> dead = c.dlq.readRecord();
            assertThat(header(dead, DeadLetterHeaders.REASON_CODE)).isEqualTo("TIMESTAMP_IN_FUTURE");
            assertThat(header(dead, DeadLetterHeaders.REASON_FIELD)).isEqualTo("timestamp");
            assertThat(c.lakeRows()).extracting(LakeRow::eventId).containsExactly(HostileCorpus.controlEventId(0));
        }
    }

    @Test
    void theYear9999InSecondsReadsAsMillisecondsUnderAuto() {
        try (CollatorDriver c = new CollatorDriver(stateDir)) {
            send(c, HostileCorpus.byName().get(HostileCorpus.FAR_FUTURE_EVENT_TIME));

            assertThat(c.lakeRows()).extracting(LakeRow::timestamp).containsExactly(253_402_300L);
        }
    }

    private static void send(CollatorDriver c, HostileRecord r) {
        RecordHeaders headers = new RecordHeaders();
        r.headers().forEach(h -> headers.add(new RecordHeader(h.name(), h.value())));
        if (r.timestamp() == null) {
            c.send("interactions", r.key(), r.value(), headers, T0);
        } else {
            c.sendAheadOfTheClock("interactions", r.key(), r.value(), headers, Instant.ofEpochMilli(r.timestamp()));
        }
    }

    private static String nameOf(String eventId) {
        return HostileOutcomes.EXPECTED.entrySet().stream()
                .filter(e -> e.getValue().lakeEventIds().contains(eventId))
                .map(Map.Entry::getKey).findFirst().orElse("unexpected event " + eventId);
    }
}
