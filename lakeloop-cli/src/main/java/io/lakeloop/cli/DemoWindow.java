package io.lakeloop.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The event times of a demo run: the last three hours before now, within one UTC day (the lake partition the
 * exporter reads). Just after midnight the run uses the end of the previous day instead.
 */
record DemoWindow(Instant from, Instant to) {

    static final Duration LENGTH = Duration.ofHours(3);
    static final Duration MARGIN = Duration.ofMinutes(2);
    static final Duration MINIMUM = Duration.ofMinutes(10);

    static DemoWindow endingAt(Instant now) {
        Instant to = now.minus(MARGIN);
        Instant dayStart = to.atZone(ZoneOffset.UTC).toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant();
        if (Duration.between(dayStart, to).compareTo(MINIMUM) < 0) {
            LocalDate yesterday = dayStart.atZone(ZoneOffset.UTC).toLocalDate().minusDays(1);
            Instant end = yesterday.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minus(MARGIN);
            return new DemoWindow(end.minus(LENGTH), end);
        }
        Instant from = to.minus(LENGTH).isBefore(dayStart) ? dayStart : to.minus(LENGTH);
        return new DemoWindow(from, to);
    }
}
