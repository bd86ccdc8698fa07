package io.lakeloop.emulator;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The service's request-rate quotas: one token bucket per operation and tracking id / dataset ARN, burst one second
 * of the rate. A rate of 0 or less switches the quota of that operation off. At most {@value #MAX_BUCKETS} buckets
 * are kept; beyond that, buckets idle for a second (full again) are forgotten, which changes no answer.
 */
final class QuotaLimiter {

    static final int MAX_BUCKETS = 10_000;

    private final Map<Operation, Double> ratePerSecond;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;

    QuotaLimiter(Map<Operation, Double> ratePerSecond, LongSupplier nanoClock) {
        this.ratePerSecond = new EnumMap<>(Objects.requireNonNull(ratePerSecond, "ratePerSecond"));
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    /** The rate of an operation as configured, or its default from PersonalizeLimits. */
    double rate(Operation operation) {
        return ratePerSecond.getOrDefault(operation, (double) operation.defaultRequestsPerSecond());
    }

    /** True when the call fits the quota of {@code resource}; false when the service would answer 429. */
    boolean tryAcquire(Operation operation, String resource) {
        double rate = rate(operation);
        if (!(rate > 0)) {
            return true;
        }
        long now = nanoClock.getAsLong();
        if (buckets.size() >= MAX_BUCKETS) {
            buckets.values().removeIf(bucket -> bucket.isIdle(now));
        }
        TokenBucket bucket = buckets.computeIfAbsent(operation.name() + '\n' + resource,
                key -> new TokenBucket(rate, now));
        return bucket.tryAcquire(now);
    }
}
