package io.lakeloop.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeloop.cli.chaos.EventTimings.Stage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Recovery measured against the targets: drained and back under the latency bound, or not recovered. */
class RecoveryTest {

    private static final long N = EventTimings.NOT_EXPECTED;
    /** Eight events sent one second apart from t = 0; a 3 s outage from 1.5 s to 4.5 s. */
    private static final long[] SENT = {0, 1000, 2000, 3000, 4000, 5000, 6000, 7000};
    private static final FaultWindow OUTAGE = new FaultWindow(Scenario.PERSONALIZE_OUTAGE, 1500, 4500, Map.of());
    private static final SlotFigures SLOT = new SlotFigures("personalize-outage", OUTAGE, 1500, 20_000);
    private static final long[] NONE = {N, N, N, N, N, N, N, N};

    @Test
    void recoveredWhenTheLastLateEventArrivedAndLaterOnesAreOnTimeAgain() {
        // events 1..4 waited for the outage (the last late one arrived at 6.2 s); 5..7 within 1 s again
        EventTimings timings = new EventTimings(SENT, new long[] {200, 4700, 5300, 6200, 5900, 5400, 6300, 7200},
                NONE);

        assertThat(Recovery.stage(SLOT, timings, Stage.PERSONALIZE)).isEqualTo(1.7);
    }

    @Test
    void aStarvedStageNeverBackUnderTheBoundIsNotRecoveredWhateverItsBaseline() {
        // every event takes 170 s, before the fault as after it: nothing is ever back under 1 s
        long[] slow = new long[SENT.length];
        for (int e = 0; e < SENT.length; e++) {
            slow[e] = SENT[e] + 170_000;
        }
        EventTimings timings = new EventTimings(SENT, slow, NONE);

        assertThat(Recovery.stage(SLOT, timings, Stage.PERSONALIZE)).isNull();
        Map<String, Object> json = Recovery.json(SLOT, timings, List.of(), 9000);
        assertThat(json).containsEntry("personalize", null).containsEntry("overall", null)
                .containsEntry("notRecoveredWithinSeconds", 4.5);
    }

    @Test
    void anEventThatNeverArrivedMeansNotRecovered() {
        EventTimings timings = new EventTimings(SENT, new long[] {200, 1100, EventTimings.MISSING, 3100, 4100, 5100,
                6100, 7100}, NONE);

        assertThat(Recovery.stage(SLOT, timings, Stage.PERSONALIZE)).isNull();
    }

    @Test
    void nothingLateIsZeroAndEventsOfUnknownTimeOrNotExpectedDoNotCount() {
        EventTimings timings = new EventTimings(SENT, new long[] {100, EventTimings.UNKNOWN_TIME, 2100, N, 4100,
                5100, 6100, 7100}, new long[] {N, 21_000, 22_000, 23_000, 24_000, 25_000, 26_000, 27_000});

        assertThat(Recovery.stage(SLOT, timings, Stage.PERSONALIZE)).isZero();
        // the lake's bound is 20 s: rows landing 20 s after they were sent are on time
        assertThat(Recovery.stage(SLOT, timings, Stage.LAKE)).isZero();
    }

    @Test
    void anEventProducedBeforeTheFaultAndHeldUpByItCounts() {
        // event 1 was sent before the slot (at 1 s) and arrived at 9 s, after the fault: drained 4.5 s after its end
        EventTimings timings = new EventTimings(SENT, new long[] {100, 9000, 2100, 3100, 4100, 5100, 6100, 7100},
                NONE);

        assertThat(Recovery.stage(SLOT, timings, Stage.PERSONALIZE)).isEqualTo(4.5);
    }

    @Test
    void anEventDueOnlyAfterTheNextFaultBeganIsThatFaultsToDelay() {
        // the next fault starts at 7.5 s: event 7 (sent at 7 s, due at 8 s) waited for it, which says nothing of this one
        SlotFigures slot = new SlotFigures("personalize-outage", OUTAGE, 1500, 7500);
        EventTimings timings = new EventTimings(SENT, new long[] {200, 4700, 5300, 6200, 5900, 5400, 6300, 12_000},
                NONE);

        assertThat(Recovery.stage(slot, timings, Stage.PERSONALIZE)).isEqualTo(1.7);
        assertThat(Recovery.stage(SLOT, timings, Stage.PERSONALIZE)).as("the same event when no fault followed")
                .isNull();
    }

    @Test
    void lagIsBackWhenEveryGroupIsAtItsPreFaultLevelOrTheFloor() {
        // 2 events sent in the 11 s before the fault at 1.5 s (the floor); the pre-fault peak of "p" is 30, of "s3" 0
        List<RunSampler.Sample> samples = List.of(
                sample(0, Map.of("p", 30L, "s3", 0L)),
                sample(1000, Map.of("p", 10L, "s3", 0L)),
                sample(5000, Map.of("p", 900L, "s3", 40L)),
                sample(6000, Map.of("p", 20L, "s3", 5L)),
                sample(7000, Map.of("p", 25L, "s3", 0L)),
                sample(8000, Map.of("p", 5L, "s3", 0L)));
        EventTimings timings = new EventTimings(SENT, NONE, NONE);

        assertThat(Recovery.lag(SLOT, timings, samples)).isEqualTo(2.5);
        assertThat(Recovery.lag(SLOT, timings, samples.subList(0, 4))).isNull();
    }

    @Test
    void theLiveLagCheckBeforeTheNextFaultIsTheSameMeasure() {
        // what the run asks before it injects the next fault: the same samples, the floor counted from the producer
        List<RunSampler.Sample> samples = List.of(
                sample(0, Map.of("p", 30L, "s3", 0L)),
                sample(5000, Map.of("p", 900L, "s3", 40L)),
                sample(6000, Map.of("p", 20L, "s3", 5L)),
                sample(7000, Map.of("p", 25L, "s3", 0L)));

        assertThat(Recovery.lag(OUTAGE, 2, samples, Long.MAX_VALUE)).isEqualTo(2.5);
        assertThat(Recovery.lag(OUTAGE, 2, samples, 7000)).as("not back before the next fault at 7 s").isNull();
        assertThat(Recovery.lag(OUTAGE, 5, samples, Long.MAX_VALUE)).as("a higher floor: back at 6 s").isEqualTo(1.5);
    }

    private static RunSampler.Sample sample(long at, Map<String, Long> lag) {
        return new RunSampler.Sample(at, lag, -1, -1, -1, -1);
    }
}
