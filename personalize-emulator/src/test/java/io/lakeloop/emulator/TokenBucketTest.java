package io.lakeloop.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void allowsABurstOfOneSecondThenTheRate() {
        TokenBucket bucket = new TokenBucket(5, 0);

        int burst = 0;
        while (bucket.tryAcquire(0)) {
            burst++;
        }

        assertThat(burst).isEqualTo(5);
        assertThat(bucket.tryAcquire(SECOND / 5 - 1)).isFalse();
        assertThat(bucket.tryAcquire(SECOND / 5)).isTrue();
    }

    @Test
    void neverHoldsMoreThanOneSecondOfTokens() {
        TokenBucket bucket = new TokenBucket(10, 0);

        int taken = 0;
        while (bucket.tryAcquire(60 * SECOND)) {
            taken++;
        }

        assertThat(taken).isEqualTo(10);
        assertThat(bucket.isIdle(61 * SECOND)).isTrue();
    }

    @Test
    void limitsEachOperationAndResourceApartAndDisablesAtZero() {
        AtomicLong now = new AtomicLong();
        QuotaLimiter limiter = new QuotaLimiter(Map.of(Operation.PUT_EVENTS, 2.0, Operation.PUT_USERS, 0.0),
                now::get);

        assertThat(limiter.tryAcquire(Operation.PUT_EVENTS, "a")).isTrue();
        assertThat(limiter.tryAcquire(Operation.PUT_EVENTS, "a")).isTrue();
        assertThat(limiter.tryAcquire(Operation.PUT_EVENTS, "a")).isFalse();
        assertThat(limiter.tryAcquire(Operation.PUT_EVENTS, "b")).isTrue();
        for (int i = 0; i < 100; i++) {
            assertThat(limiter.tryAcquire(Operation.PUT_USERS, "d")).isTrue();
        }
        assertThat(limiter.rate(Operation.PUT_ITEMS)).isEqualTo(10.0);
        now.addAndGet(SECOND);
        assertThat(limiter.tryAcquire(Operation.PUT_EVENTS, "a")).isTrue();
    }
}
