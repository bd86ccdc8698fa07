package io.lakeloop.export.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lakeloop.export.rows.Hashing;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DistinctCounterTest {

    private static long h(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return Hashing.id(b, 0, b.length);
    }

    @Test
    void countsExactlyUpToTheBound() {
        DistinctCounter c = new DistinctCounter(10_000);
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 10_000; i++) {
                c.add(h("user-" + i));
            }
        }
        assertThat(c.isExact()).isTrue();
        assertThat(c.count()).isEqualTo(10_000);
    }

    @Test
    void estimatesWithinTwoPercentPastTheBound() {
        DistinctCounter c = new DistinctCounter(1000);
        for (int i = 0; i < 300_000; i++) {
            c.add(h("item-" + i));
        }
        assertThat(c.isExact()).isFalse();
        assertThat((double) c.count()).isCloseTo(300_000, within(6_000.0));
    }

    @Test
    void tellsNewFromAgainFromUnknown() {
        DistinctCounter c = new DistinctCounter(1);
        assertThat(c.add(1)).isEqualTo(DistinctCounter.Seen.NEW);
        assertThat(c.add(1)).isEqualTo(DistinctCounter.Seen.AGAIN);
        assertThat(c.add(2)).isEqualTo(DistinctCounter.Seen.UNKNOWN);
    }
}
