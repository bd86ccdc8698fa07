package io.lakeloop.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AcceptanceClockTest {

    @Test
    void remembersEachSequenceUntilTheRingWrapsPastIt() {
        AcceptanceClock clock = new AcceptanceClock(3000);
        clock.stamp(1, 2000, 111);
        clock.stamp(2001, 2001, 222);

        assertThat(clock.acceptedAt(1)).hasValue(111);
        assertThat(clock.acceptedAt(2000)).hasValue(111);
        assertThat(clock.acceptedAt(2001)).hasValue(222);
        assertThat(clock.acceptedAt(2002)).isEmpty();
        assertThat(clock.acceptedAt(0)).isEmpty();

        clock.stamp(2002, 4000, 333);
        assertThat(clock.acceptedAt(1000)).as("forgotten: more than 3000 newer ones").isEmpty();
        assertThat(clock.acceptedAt(1001)).hasValue(111);
        assertThat(clock.acceptedAt(2001)).hasValue(222);
        assertThat(clock.acceptedAt(4000)).hasValue(333);
    }
}
