package io.lakeloop.connect.personalize;

import static io.lakeloop.connect.personalize.TestRecords.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {

    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final TopicPartition P1 = new TopicPartition("t", 1);

    private final OffsetTracker tracker = new OffsetTracker();

    private PendingRecord track(int partition, long offset, int parts) {
        PendingRecord r = PendingRecord.of(record("t", partition, offset, "{}"), parts);
        tracker.track(r);
        return r;
    }

    @Test
    void commitsOnlyUpToTheFirstRecordNotYetAccepted() {
        PendingRecord a = track(0, 10, 1);
        PendingRecord b = track(0, 11, 2);
        PendingRecord c = track(0, 12, 1);

        assertThat(tracker.committable(List.of(P0))).containsEntry(P0, new OffsetAndMetadata(10));
        c.complete(1); // a later record done first must not move the offset past earlier unsent ones
        assertThat(tracker.committable(List.of(P0))).containsEntry(P0, new OffsetAndMetadata(10));
        a.complete(1);
        assertThat(tracker.committable(List.of(P0))).containsEntry(P0, new OffsetAndMetadata(11));
        b.complete(1);
        assertThat(tracker.committable(List.of(P0))).containsEntry(P0, new OffsetAndMetadata(11));
        b.complete(1);
        assertThat(tracker.committable(List.of(P0))).containsEntry(P0, new OffsetAndMetadata(13));
        assertThat(tracker.inProgress()).isZero();
    }

    @Test
    void partitionsAreIndependentAndUnseenOnesAreLeftOut() {
        track(0, 5, 1);
        track(1, 7, 1).complete(1);

        Map<TopicPartition, OffsetAndMetadata> offsets = tracker.committable(
                List.of(P0, P1, new TopicPartition("t", 2)));
        assertThat(offsets).containsOnly(Map.entry(P0, new OffsetAndMetadata(5)), Map.entry(P1, new OffsetAndMetadata(8)));
        assertThat(tracker.inProgress()).isEqualTo(1);
    }

    @Test
    void forgottenPartitionsReportNothing() {
        track(0, 5, 1);
        tracker.forget(List.of(P0));

        assertThat(tracker.committable(List.of(P0))).isEmpty();
        assertThat(tracker.inProgress()).isZero();
    }

    /**
     * Issue 11 item 9: records done behind one that is still being retried were held whole until it finished. Only
     * the unfinished one is held now, and a done record lets go of its value.
     */
    @Test
    void holdsOnlyTheUnfinishedRecordBehindWhichOthersFinishedAndLetsGoOfTheirValues() {
        PendingRecord stuck = track(0, 0, 1);
        List<PendingRecord> done = new java.util.ArrayList<>();
        for (int i = 1; i <= 10_000; i++) {
            PendingRecord r = PendingRecord.of(record("t", 0, i, "x".repeat(1000)), 1);
            tracker.track(r);
            r.complete(1);
            done.add(r);
        }

        assertThat(tracker.inProgress()).isEqualTo(1);
        assertThat(done).allSatisfy(r -> assertThat(r.record()).isNull());
        assertThat(stuck.record()).isNotNull();
        assertThat(tracker.committable(List.of(P0))).containsEntry(P0, new OffsetAndMetadata(0));
        stuck.complete(1);
        assertThat(tracker.committable(List.of(P0))).containsEntry(P0, new OffsetAndMetadata(10_001));
        assertThat(tracker.inProgress()).isZero();
    }

    @Test
    void tellsTheListenerOnceWhenARecordIsDone() {
        java.util.concurrent.atomic.AtomicInteger told = new java.util.concurrent.atomic.AtomicInteger();
        PendingRecord r = PendingRecord.of(record("t", 0, 3, "{}"), 2);
        tracker.track(r, x -> told.incrementAndGet());

        r.complete(1);
        assertThat(told).hasValue(0);
        r.complete(1);
        r.complete(1);
        assertThat(told).hasValue(1);
    }
}
