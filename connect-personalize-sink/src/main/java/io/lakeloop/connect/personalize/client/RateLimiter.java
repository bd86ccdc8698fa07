package io.lakeloop.connect.personalize.client;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A token bucket per tracking id / dataset: {@code permitsPerSecond} refill, at most {@code burst} saved up.
 * {@link #acquire()} reserves a permit and sleeps until it is due, so callers are spaced evenly and never exceed the
 * quota over any window (the service's own bucket holds a second's worth, so any burst up to that is safe).
 * Thread-safe; a rate of 0 or less means no limit.
 */
public final class RateLimiter {

    /** How a caller waits; a test seam. */
    @FunctionalInterface
    public interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    private static final Sleeper PARK = nanos -> TimeUnit.NANOSECONDS.sleep(nanos);

    private final double permitsPerNano;
    private final double burst;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private double tokens;
    private long lastNanos;

    public RateLimiter(double permitsPerSecond, double burst, LongSupplier nanoClock, Sleeper sleeper) {
        this.permitsPerNano = permitsPerSecond / 1e9;
        this.burst = Math.max(1.0, burst);
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
        this.lastNanos = nanoClock.getAsLong();
        this.tokens = this.burst;
    }

    /** A limiter whose burst is a tenth of a second's worth (at least one call). */
    public static RateLimiter perSecond(double permitsPerSecond) {
        return new RateLimiter(permitsPerSecond, permitsPerSecond / 10, System::nanoTime, PARK);
    }

    public boolean unlimited() {
        return permitsPerNano <= 0;
    }

    /** Takes one permit, waiting as long as needed. */
    public void acquire() throws InterruptedException {
        long wait = reserve();
        if (wait > 0) {
            sleeper.sleepNanos(wait);
        }
    }

    /** Takes one permit now and returns how long the caller must wait before using it (0 if none). */
    synchronized long reserve() {
        if (unlimited()) {
            return 0;
        }
        long now = nanoClock.getAsLong();
        tokens = Math.min(burst, tokens + (now - lastNanos) * permitsPerNano);
        lastNanos = now;
        tokens -= 1;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / permitsPerNano);
    }
}
