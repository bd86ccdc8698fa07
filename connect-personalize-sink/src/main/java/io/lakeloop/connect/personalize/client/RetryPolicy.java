package io.lakeloop.connect.personalize.client;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter, bounded by a deadline: attempt {@code n} (from 1) waits a uniformly random
 * time in {@code [0, min(max, initial * 2^(n-1))]}; a retry whose wait would end after the deadline is not made.
 */
public record RetryPolicy(Duration initial, Duration max, Duration deadline) {

    public RetryPolicy {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(deadline, "deadline");
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max: " + initial + ", " + max);
        }
    }

    /** The ceiling of attempt {@code attempt}'s wait, before jitter. */
    public long ceilingNanos(int attempt) {
        int shift = Math.min(Math.max(attempt - 1, 0), 30);
        long ceiling = initial.toNanos() << shift;
        return ceiling <= 0 ? max.toNanos() : Math.min(max.toNanos(), ceiling);
    }

    /** The wait before retry {@code attempt} (1 = the first retry), with {@code random} in [0, 1). */
    public long delayNanos(int attempt, DoubleSupplier random) {
        return (long) (random.getAsDouble() * ceilingNanos(attempt));
    }

    /** True when a retry that waits {@code delayNanos} after {@code elapsedNanos} still ends within the deadline. */
    public boolean allows(long elapsedNanos, long delayNanos) {
        return elapsedNanos + delayNanos <= deadline.toNanos();
    }
}
