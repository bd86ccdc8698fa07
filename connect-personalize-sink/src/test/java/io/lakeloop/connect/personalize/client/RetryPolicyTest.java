package io.lakeloop.connect.personalize.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(5),
            Duration.ofSeconds(30));

    @Test
    void ceilingDoublesPerAttemptUpToTheMaximum() {
        assertThat(policy.ceilingNanos(1)).isEqualTo(Duration.ofMillis(100).toNanos());
        assertThat(policy.ceilingNanos(2)).isEqualTo(Duration.ofMillis(200).toNanos());
        assertThat(policy.ceilingNanos(6)).isEqualTo(Duration.ofMillis(3200).toNanos());
        assertThat(policy.ceilingNanos(7)).isEqualTo(Duration.ofSeconds(5).toNanos());
        assertThat(policy.ceilingNanos(1000)).isEqualTo(Duration.ofSeconds(5).toNanos());
    }

    @Test
    void fullJitterSpreadsTheWaitOverZeroToTheCeiling() {
        assertThat(policy.delayNanos(3, () -> 0.0)).isZero();
        assertThat(policy.delayNanos(3, () -> 0.5)).isEqualTo(Duration.ofMillis(200).toNanos());
        assertThat(policy.delayNanos(3, () -> 0.999)).isLessThan(Duration.ofMillis(400).toNanos());
    }

    @Test
    void noRetryEndsAfterTheDeadline() {
        long second = Duration.ofSeconds(1).toNanos();
        assertThat(policy.allows(29 * second, second)).isTrue();
        assertThat(policy.allows(29 * second, second + 1)).isFalse();
        assertThat(policy.allows(31 * second, 0)).isFalse();
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new RetryPolicy(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
