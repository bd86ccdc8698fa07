package io.lakeloop.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BoundedLogTest {

    @Test
    void keepsTheNewestEntriesUpToItsCapacityAndCountsTheRest() {
        BoundedLog<Integer> log = new BoundedLog<>(3000, Long.MAX_VALUE);
        for (int i = 1; i <= 5000; i++) {
            log.add(i, 1);
        }

        assertThat(log.size()).isEqualTo(3000);
        assertThat(log.evicted()).isEqualTo(2000);
        assertThat(log.page(0, 2)).containsExactly(2001, 2002);
        assertThat(log.page(2998, 10)).containsExactly(4999, 5000);
        assertThat(log.all()).hasSize(3000).startsWith(2001).endsWith(5000);
    }

    @Test
    void dropsTheOldestEntriesBeyondItsByteBudget() {
        BoundedLog<String> log = new BoundedLog<>(1000, 100);
        for (int i = 1; i <= 10; i++) {
            log.add("e" + i, 30);
        }

        assertThat(log.all()).containsExactly("e8", "e9", "e10");
        assertThat(log.bytes()).isEqualTo(90);
        assertThat(log.evicted()).isEqualTo(7);
        log.add("huge", 500);
        assertThat(log.all()).containsExactly("huge");
    }

    @Test
    void pagesBeyondTheEndAreEmptyAndClearStartsOver() {
        BoundedLog<String> log = new BoundedLog<>(10, 1000);
        log.add("a", 1);
        log.add("b", 1);

        assertThat(log.page(5, 10)).isEmpty();
        assertThat(log.page(1, 0)).isEmpty();
        log.clear();
        assertThat(log.size()).isZero();
        log.add("c", 1);
        assertThat(log.all()).containsExactly("c");
    }
}
