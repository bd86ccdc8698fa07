package io.lakeloop.connect.s3.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RotationPolicyTest {

    private final MemoryBudget budget = new MemoryBudget(1 << 30);

    private OpenObject open(RotationPolicy p, String key, long timeMs, long openedAt) {
        return new OpenObject(key, key + "0", 0, openedAt, p.window(timeMs), budget, 0, false, null, new byte[0]);
    }

    @Test
    void countAndBytesLimitsCompleteAfterTheRecordThatReachesThem() {
        RotationPolicy p = new RotationPolicy(3, 10, 0, 0);
        OpenObject o = open(p, "k", 0, 0);
        o.append(0, "c", new byte[2]);
        o.append(1, "c", new byte[2]);
        assertThat(p.rotateAfter(o)).isFalse();
        o.append(2, "c", new byte[2]);
        assertThat(p.rotateAfter(o)).as("3 records").isTrue();

        OpenObject big = open(p, "k", 0, 0);
        big.append(0, "c", new byte[9]);
        assertThat(p.rotateAfter(big)).isFalse();
        big.append(1, "c", new byte[1]);
        assertThat(p.rotateAfter(big)).as("10 bytes").isTrue();
    }

    @Test
    void zeroTurnsALimitOff() {
        RotationPolicy p = new RotationPolicy(0, 0, 0, 0);
        OpenObject o = open(p, "k", 0, 0);
        for (int i = 0; i < 1000; i++) {
            o.append(i, "c", new byte[100]);
        }
        assertThat(p.rotateAfter(o)).isFalse();
        assertThat(p.deadline(o)).isEqualTo(Long.MAX_VALUE);
        assertThat(p.rotateBefore(o, "k", 999_999_999L)).isFalse();
    }

    @Test
    void recordTimeWindowsAreAlignedAndARecordOutsideCompletesTheObject() {
        RotationPolicy p = new RotationPolicy(0, 0, 3_600_000, 0);
        OpenObject o = open(p, "k", 7_200_000 + 10, 0);
        assertThat(p.rotateBefore(o, "k", 7_200_000 + 3_599_999)).isFalse();
        assertThat(p.rotateBefore(o, "k", 7_200_000 + 3_600_000)).as("next hour").isTrue();
        assertThat(p.rotateBefore(o, "k", 7_199_999)).as("late record of the previous hour").isTrue();
    }

    @Test
    void aDifferentKeyCompletesTheObject() {
        RotationPolicy p = new RotationPolicy(0, 0, 0, 0);
        assertThat(p.rotateBefore(open(p, "2026/03/07/05/", 0, 0), "2026/03/07/06/", 0)).isTrue();
    }

    @Test
    void wallClockDeadlineCountsFromTheFirstRecord() {
        RotationPolicy p = new RotationPolicy(0, 0, 0, 60_000);
        assertThat(p.deadline(open(p, "k", 0, 1_000))).isEqualTo(61_000);
    }

    @Test
    void negativeLimitsAreRejected() {
        assertThatThrownBy(() -> new RotationPolicy(-1, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
