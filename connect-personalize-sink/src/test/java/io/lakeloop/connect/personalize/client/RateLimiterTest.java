package io.lakeloop.connect.personalize.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final List<Long> sleeps = new ArrayList<>();

    private RateLimiter limiter(double rate, double burst) {
        return new RateLimiter(rate, burst, clock::get, nanos -> {
            sleeps.add(nanos);
            clock.addAndGet(nanos); // the fake sleep advances time
        });
    }

    @Test
    void spacesCallsEvenlyAfterTheBurst() throws InterruptedException {
        RateLimiter limiter = limiter(100, 1);
        long start = clock.get();
        for (int i = 0; i < 101; i++) {
            limiter.acquire();
        }
        // the first permit is the burst; 100 more at 100/s take one second
        assertThat(Duration.ofNanos(clock.get() - start)).isBetween(Duration.ofMillis(999), Duration.ofMillis(1001));
        assertThat(sleeps).hasSize(100).allSatisfy(s -> assertThat(s).isBetween(9_999_000L, 10_001_000L));
    }

    @Test
    void neverExceedsTheRateOverAnyWindowOnceTheBurstIsSpent() {
        RateLimiter limiter = limiter(1000, 100);
        int granted = 0;
        for (int i = 0; i < 5000; i++) {
            if (limiter.reserve() == 0) {
                granted++;
            }
        }
        assertThat(granted).isEqualTo(100); // no time passed: only the burst is free
        clock.addAndGet(Duration.ofSeconds(10).toNanos());
        // tokens never accumulate beyond the burst, however long the pause
        assertThat(limiter.reserve()).isZero();
    }

    @Test
    void refillsWithTime() {
        RateLimiter limiter = limiter(10, 1);
        assertThat(limiter.reserve()).isZero();
        assertThat(limiter.reserve()).isEqualTo(Duration.ofMillis(100).toNanos());
        clock.addAndGet(Duration.ofMillis(300).toNanos());
        // the debt of the second permit is paid; one more token is available at most (burst 1)
        assertThat(limiter.reserve()).isZero();
    }

    @Test
    void zeroMeansUnlimited() {
        RateLimiter limiter = limiter(0, 0);
        assertThat(limiter.unlimited()).isTrue();
        for (int i = 0; i < 1000; i++) {
            assertThat(limiter.reserve()).isZero();
        }
    }
}
