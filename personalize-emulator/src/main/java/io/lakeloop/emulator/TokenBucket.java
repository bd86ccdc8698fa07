package io.lakeloop.emulator;

/**
 * A token bucket refilled at {@code ratePerSecond} and holding at most one second's worth of tokens (the burst).
 * Time comes from the caller so the bucket is testable without waiting.
 */
final class TokenBucket {

    private final double ratePerNano;
    private final double capacity;
    private double tokens;
    private long lastNanos;

    TokenBucket(double ratePerSecond, long nowNanos) {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("ratePerSecond must be positive: " + ratePerSecond);
        }
        this.ratePerNano = ratePerSecond / 1e9;
        this.capacity = Math.max(1.0, ratePerSecond);
        this.tokens = capacity;
        this.lastNanos = nowNanos;
    }

    synchronized boolean tryAcquire(long nowNanos) {
        refill(nowNanos);
        if (tokens >= 1.0) {
            tokens -= 1.0;
            return true;
        }
        return false;
    }

    /** True when the bucket is full again, i.e. it has been idle for at least a second: safe to forget. */
    synchronized boolean isIdle(long nowNanos) {
        refill(nowNanos);
        return tokens >= capacity;
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - lastNanos;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * ratePerNano);
            lastNanos = nowNanos;
        }
    }
}
