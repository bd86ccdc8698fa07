package io.lakeloop.cli.chaos;

import io.lakeloop.cli.demo.AcceptedEvents;
import io.lakeloop.cli.demo.EventFate;
import io.lakeloop.cli.demo.ExpectedEvent;
import io.lakeloop.cli.demo.ObjectWriteWatch;
import io.lakeloop.cli.demo.PacedProducer;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Each produced event's journey in time, joined on its event id: when it was handed to the producer, when Personalize
 * (the emulator) first accepted it, and when the lake object holding its row became visible. Times are epoch ms on
 * the same machine; -1 where the event was not expected at a stage (or never arrived).
 */
final class EventTimings {

    private final int size;
    private final long[] sentAt;
    private final long[] personalizedAt;
    private final long[] landedAt;

    EventTimings(PacedProducer producer, AcceptedEvents accepted, Map<String, String> lakeKeys, String lakeBucket,
                 ObjectWriteWatch watch) {
        int records = producer.sent();
        int events = 0;
        for (int i = 0; i < records; i++) {
            events += producer.record(i).events().size();
        }
        size = events;
        sentAt = new long[events];
        personalizedAt = new long[events];
        landedAt = new long[events];
        int e = 0;
        for (int i = 0; i < records; i++) {
            for (ExpectedEvent event : producer.record(i).events()) {
                sentAt[e] = producer.sentAtMs(i);
                personalizedAt[e] = event.fate() == EventFate.BAD ? -1 : positive(accepted.firstAcceptedMs(
                        event.eventId()));
                landedAt[e] = -1;
                if (event.fate() == EventFate.GOOD) {
                    String key = lakeKeys.get(event.eventId());
                    OptionalLong visible = key == null ? OptionalLong.empty() : watch.visibleAt(lakeBucket, key);
                    landedAt[e] = visible.orElse(-1);
                }
                e++;
            }
        }
    }

    /** Timings given directly (tests). */
    EventTimings(long[] sentAt, long[] personalizedAt, long[] landedAt) {
        this.size = sentAt.length;
        this.sentAt = sentAt.clone();
        this.personalizedAt = personalizedAt.clone();
        this.landedAt = landedAt.clone();
    }

    private static long positive(long ms) {
        return ms > 0 ? ms : -1;
    }

    int size() {
        return size;
    }

    long sentAt(int event) {
        return sentAt[event];
    }

    /** When the event reached {@code stage}, -1 when it did not (or need not). */
    long at(Stage stage, int event) {
        return stage == Stage.PERSONALIZE ? personalizedAt[event] : landedAt[event];
    }

    /** The two ends of the loop whose latency the figures give. */
    enum Stage {
        PERSONALIZE("personalize", 1000), LAKE("lake", 20_000);

        final String key;
        /** The least latency that counts as "late" when telling whether a backlog is drained. */
        final long lateFloorMs;

        Stage(String key, long lateFloorMs) {
            this.key = key;
            this.lateFloorMs = lateFloorMs;
        }
    }
}
