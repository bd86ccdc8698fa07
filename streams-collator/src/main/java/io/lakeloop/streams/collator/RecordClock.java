package io.lakeloop.streams.collator;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that reads the timestamp of the record being processed, so that the age and future-skew checks are
 * deterministic: re-processing a record after a crash, replaying a topic or catching up on a backlog gives the
 * same verdict as the first time. Confined to one stream task (one thread); set before each record.
 */
final class RecordClock extends Clock {

    private long epochMillis;

    void set(long epochMillis) {
        this.epochMillis = epochMillis;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(epochMillis);
    }

    @Override
    public long millis() {
        return epochMillis;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a record clock is always UTC");
    }
}
