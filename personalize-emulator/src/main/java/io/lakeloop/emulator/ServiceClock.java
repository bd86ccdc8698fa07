package io.lakeloop.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The emulator's idea of "now" for SigV4's request-time check: a base clock plus an offset that can be changed
 * while it runs, so a test can put the client 20 minutes off without touching the machine's clock.
 */
public final class ServiceClock {

    private final Clock base;
    private volatile Duration offset = Duration.ZERO;

    ServiceClock(Clock base) {
        this.base = Objects.requireNonNull(base, "base");
    }

    public Instant now() {
        return base.instant().plus(offset);
    }

    /** From now on the emulator's time is the base clock's plus {@code offset} (negative: behind). */
    public void setOffset(Duration offset) {
        this.offset = Objects.requireNonNull(offset, "offset");
    }

    public Duration offset() {
        return offset;
    }
}
