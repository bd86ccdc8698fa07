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
 * the same machine; {@link #MISSING} where the event never arrived, {@link #NOT_EXPECTED} where it need not, and
 * {@link #UNKNOWN_TIME} where it arrived at a moment nobody noted (read from the emulator's journal, or an object
 * write the watch missed).
 */
final class EventTimings {

    static final long MISSING = -1;
    static final long NOT_EXPECTED = -2;
    static final long UNKNOWN_TIME = -3;

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
                personalizedAt[e] = event.fate() == EventFate.BAD ? NOT_EXPECTED : arrival(accepted.firstAcceptedMs(
                        event.eventId()));
                landedAt[e] = NOT_EXPECTED;
                if (event.fate() == EventFate.GOOD) {
                    String key = lakeKeys.get(event.eventId());
                    OptionalLong visible = key == null ? OptionalLong.empty() : watch.visibleAt(lakeBucket, key);
                    landedAt[e] = key == null ? MISSING : visible.orElse(UNKNOWN_TIME);
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

    /** From {@link AcceptedEvents#firstAcceptedMs}: -1 not accepted, 0 accepted at an unknown time. */
    private static long arrival(long ms) {
        return ms > 0 ? ms : ms == 0 ? UNKNOWN_TIME : MISSING;
    }

    int size() {
        return size;
    }

    long sentAt(int event) {
        return sentAt[event];
    }

    /** When the event reached {@code stage} (epoch ms), else one of the negative markers. */
    long at(Stage stage, int event) {
        return stage == Stage.PERSONALIZE ? personalizedAt[event] : landedAt[event];
    }

    /** Whether the event counts for {@code stage}'s recovery: expected there, and arrived at a known time or not. */
    boolean counts(Stage stage, int event) {
        long at = at(stage, event);
        return at != NOT_EXPECTED && at != UNKNOWN_TIME;
    }

    /** The two ends of the loop whose latency the figures give. */
    enum Stage {
        PERSONALIZE("personalize", LoadTargets.PERSONALIZE_P99_MS), LAKE("lake", 20_000);

        final String key;
        /**
         * The end-to-end latency the stage must be back under for the backlog to count as drained: the target for
         * Personalize (1 s); for the lake twice its sink's rotation interval (10 s), since a row waits up to one
         * interval for its object and the object up to another while the sink commits.
         */
        final long boundMs;

        Stage(String key, long boundMs) {
            this.key = key;
            this.boundMs = boundMs;
        }
    }
}
