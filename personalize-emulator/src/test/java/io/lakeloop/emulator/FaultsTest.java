package io.lakeloop.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.lakeloop.emulator.EmulatorStats.Fault;
import io.lakeloop.emulator.FaultSettings.LatencyDistribution;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LongSummaryStatistics;
import org.junit.jupiter.api.Test;

class FaultsTest {

    private final EmulatorStats stats = new EmulatorStats();
    private final List<Duration> refusals = new ArrayList<>();
    private final Faults faults = new Faults(7, stats, refusals::add);

    @Test
    void splitsCallsBetweenThrottlingErrorsAndSuccessByTheRatios() throws InterruptedException {
        faults.set(FaultSettings.none().withThrottleRatio(0.2).withErrorRatio(0.1));
        int ok = 0;
        for (int i = 0; i < 10_000; i++) {
            ApiException fault = catchThrowableOfType(ApiException.class, faults::beforeCall);
            if (fault == null) {
                ok++;
            } else {
                assertThat(fault.status()).isIn(429, 500, 503);
            }
        }

        assertThat(stats.snapshot().injected(Fault.THROTTLE)).isBetween(1800L, 2200L);
        assertThat(stats.snapshot().injected(Fault.ERROR)).isBetween(850L, 1150L);
        assertThat(ok + stats.snapshot().injected(Fault.THROTTLE) + stats.snapshot().injected(Fault.ERROR))
                .isEqualTo(10_000);
    }

    @Test
    void drawsLatencyFromTheConfiguredDistribution() {
        LongSummaryStatistics uniform = new LongSummaryStatistics();
        LongSummaryStatistics normal = new LongSummaryStatistics();
        for (int i = 0; i < 5_000; i++) {
            uniform.accept(faults.latencyMillis(FaultSettings.none().withLatency(25, 10, LatencyDistribution.UNIFORM)));
            normal.accept(faults.latencyMillis(FaultSettings.none().withLatency(25, 10, LatencyDistribution.NORMAL)));
        }

        assertThat(uniform.getMin()).isEqualTo(25);
        assertThat(uniform.getMax()).isEqualTo(35);
        assertThat(normal.getAverage()).isBetween(24.0, 26.0);
        assertThat(normal.getMin()).isGreaterThanOrEqualTo(0).isLessThan(15);
        assertThat(faults.latencyMillis(FaultSettings.none().withLatency(40, 0, LatencyDistribution.NORMAL)))
                .isEqualTo(40);
    }

    @Test
    void startsAnOutageWhenSettingsAskForOne() {
        faults.set(FaultSettings.none().withOutage(3, FaultSettings.OutageMode.REFUSE));

        assertThat(refusals).containsExactly(Duration.ofSeconds(3));
        assertThat(faults.unavailableRemaining()).isZero();

        faults.set(FaultSettings.none().withOutage(60, FaultSettings.OutageMode.UNAVAILABLE));
        assertThat(faults.unavailableRemaining()).isGreaterThan(Duration.ofSeconds(50));
        faults.reset();
        assertThat(faults.unavailableRemaining()).isZero();
    }
}
