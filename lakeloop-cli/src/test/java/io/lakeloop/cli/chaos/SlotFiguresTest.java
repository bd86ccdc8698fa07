package io.lakeloop.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakeloop.cli.chaos.EventTimings.Stage;
import io.lakeloop.cli.demo.AcceptedEvents;
import io.lakeloop.event.RecordValues;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlotFiguresTest {

    /** Five events sent one second apart from t = 0; the fault (a 3 s outage) starts at 1.5 s. */
    private static final long[] SENT = {0, 1000, 2000, 3000, 4000};
    private static final FaultWindow OUTAGE = new FaultWindow(Scenario.PERSONALIZE_OUTAGE, 1500, 4500, Map.of());

    @Test
    void latenciesAndEventsAreThoseProducedInTheSlot() {
        EventTimings timings = new EventTimings(SENT, new long[] {200, 4700, 5300, 6200, 4300},
                new long[] {-2, -2, -2, -2, -2});
        SlotFigures slot = new SlotFigures("personalize-outage", OUTAGE, 1500, Long.MAX_VALUE);

        assertThat(slot.eventsProduced(timings)).isEqualTo(3);
        assertThat(slot.latencies(timings, Stage.PERSONALIZE)).containsExactly(300, 3200, 3300);
        assertThat(slot.latencies(timings, Stage.LAKE)).isEmpty();
    }

    @Test
    void percentilesAreNearestRankAndEmptyWhenThereAreNoEvents() {
        long[] sorted = new long[100];
        for (int i = 0; i < 100; i++) {
            sorted[i] = i + 1;
        }
        assertThat(SlotFigures.percentiles(sorted)).containsEntry("p50", 50L).containsEntry("p99", 99L)
                .containsEntry("max", 100L).containsEntry("events", 100);
        assertThat(SlotFigures.percentiles(new long[0])).containsEntry("p50", null).containsEntry("events", 0);
    }

    @Test
    void repeatsAreCountedInTheSlotTheyHappenedInWithWhereTheyCameFrom() {
        AcceptedEvents accepted = new AcceptedEvents("r-");
        accepted.accept(event("r-e1", 1000));
        accepted.accept(event("r-e2", 2000));
        accepted.accept(event("r-e1", 5000));
        accepted.accept(event("r-e2", 5100));
        accepted.accept(event("r-e3", 5200));
        accepted.accept(event("r-e3", 5300));
        accepted.accept(event("other-e9", 5400));
        SlotFigures slot = new SlotFigures("kill-connect-worker", new FaultWindow(Scenario.KILL_CONNECT_WORKER, 1500,
                1500, Map.of()), 1500, Long.MAX_VALUE);

        Map<String, Object> repeats = slot.repeats(accepted, Map.of("r-e1", 0, "r-e2", 2, "r-e3", 2));

        assertThat(repeats).containsEntry("total", 3L).containsEntry("firstAcceptedBeforeTheFault", 1L)
                .containsEntry("firstAcceptedDuringOrAfterIt", 2L)
                .containsEntry("byPartition", Map.of("interactions-0", 1L, "interactions-2", 2L));
        assertThat(new SlotFigures("baseline", null, 0, 1500).repeats(accepted, Map.of())).containsEntry("total", 0L);
    }

    @Test
    void callRatesArePeaksOverFiveSecondsAndQuota429sAreDeltas() {
        List<RunSampler.Sample> samples = List.of(
                new RunSampler.Sample(0, Map.of("g", 5L), 0, 0, 0, 0),
                new RunSampler.Sample(5000, Map.of("g", 50L), 4000, 3000, 10, 1000),
                new RunSampler.Sample(10_000, Map.of("g", 20L), 5000, 4000, 10, 1000),
                new RunSampler.Sample(11_000, Map.of(), -1, -1, -1, -1));
        SlotFigures slot = new SlotFigures("baseline", null, 0, Long.MAX_VALUE);

        assertThat(slot.calls(samples)).containsEntry("peakCallsPerSecond", 800L)
                .containsEntry("peakAcceptedCallsPerSecond", 600L).containsEntry("quota429s", 10L)
                .containsEntry("injected429s", 1000L);
        assertThat(slot.peakLag(samples)).containsEntry("g", 50L);
    }

    private static ObjectNode event(String id, long acceptedAt) {
        ObjectNode node = RecordValues.JSON.createObjectNode();
        node.put("eventId", id);
        node.put("acceptedAtMs", acceptedAt);
        return node;
    }
}
