package io.lakeloop.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The event times of a demo run: the last three hours before now (or, for a run produced at a steady rate, as long as
 * it produces), within one UTC day (the lake partition the exporter reads). Just after midnight the run uses the end
 * of the previous day instead.
 */
record DemoWindow(Instant from, Instant to) {

    static final Duration LENGTH = Duration.ofHours(3);
    static final Duration MARGIN = Duration.ofMinutes(2);
    static final Duration MINIMUM = Duration.ofMinutes(10);

    static DemoWindow endingAt(Instant now) {
        Instant to = now.minus(MARGIN);
        Instant dayStart = dayStart(to);
        if (Duration.between(dayStart, to).compareTo(MINIMUM) < 0) {
            Instant end = dayStart.minus(MARGIN);
            return new DemoWindow(end.minus(LENGTH), end);
        }
        Instant from = to.minus(LENGTH).isBefore(dayStart) ? dayStart : to.minus(LENGTH);
        return new DemoWindow(from, to);
    }

    /**
     * Exactly {@code length} of event times (a run produced at a steady rate, paced by them), ending two minutes
     * before {@code now}, within one UTC day: too soon after midnight, the end of the previous day.
     */
    static DemoWindow lasting(Instant now, Duration length) {
        Instant to = now.minus(MARGIN);
        if (to.minus(length).isBefore(dayStart(to))) {
            to = dayStart(to).minus(MARGIN);
        }
        return new DemoWindow(to.minus(length), to);
    }

    private static Instant dayStart(Instant t) {
        return t.atZone(ZoneOffset.UTC).toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
