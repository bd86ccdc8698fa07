package io.lakeloop.emulator;

import io.lakeloop.emulator.EmulatorStats.Fault;
import io.lakeloop.emulator.FaultSettings.LatencyDistribution;
import io.lakeloop.emulator.FaultSettings.OutageMode;
import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fault injector, changeable while the emulator runs. Faulted calls are answered before their body is looked at
 * and record nothing, so a client's retry is never a duplicate.
 */
public final class Faults {

    private static final Logger LOG = LoggerFactory.getLogger(Faults.class);

    private final Random random;
    private final EmulatorStats stats;
    private final Consumer<Duration> refuseConnections;
    private volatile FaultSettings settings = FaultSettings.none();
    private volatile long unavailableUntilNanos = System.nanoTime();

    Faults(long seed, EmulatorStats stats, Consumer<Duration> refuseConnections) {
        this.random = new Random(seed);
        this.stats = Objects.requireNonNull(stats, "stats");
        this.refuseConnections = Objects.requireNonNull(refuseConnections, "refuseConnections");
    }

    /** The settings in force. */
    public FaultSettings current() {
        return settings;
    }

    /** Replaces the settings; an {@code outageSeconds > 0} starts an outage now. */
    public void set(FaultSettings next) {
        settings = Objects.requireNonNull(next, "settings");
        LOG.info("Fault injection now {}", next);
        if (next.outageSeconds() > 0) {
            outage(Duration.ofSeconds(next.outageSeconds()), next.outageMode());
        }
    }

    /** No faults from now on; ends a 503 outage (a refused-connection outage ends on its own schedule). */
    public void reset() {
        settings = FaultSettings.none();
        unavailableUntilNanos = System.nanoTime();
        LOG.info("Fault injection reset");
    }

    /** Starts an outage of {@code length} now. */
    public void outage(Duration length, OutageMode mode) {
        Objects.requireNonNull(length, "length");
        LOG.info("Outage of {} in mode {}", length, mode);
        if (mode == OutageMode.REFUSE) {
            stats.injected(Fault.OUTAGE_REFUSED);
            refuseConnections.accept(length);
        } else {
            unavailableUntilNanos = System.nanoTime() + length.toNanos();
        }
    }

    /** How much longer a 503 outage lasts (zero when none). */
    public Duration unavailableRemaining() {
        return Duration.ofNanos(Math.max(0, unavailableUntilNanos - System.nanoTime()));
    }

    /** Applies latency, then answers the call with an injected fault when the dice say so. */
    void beforeCall() throws InterruptedException {
        FaultSettings now = settings;
        long delay = latencyMillis(now);
        if (delay > 0) {
            stats.injected(Fault.LATENCY);
            Thread.sleep(delay);
        }
        if (unavailableUntilNanos - System.nanoTime() > 0) {
            stats.injected(Fault.OUTAGE_503);
            throw ApiException.serviceUnavailable();
        }
        if (now.throttleRatio() == 0 && now.errorRatio() == 0) {
            return;
        }
        double dice = random.nextDouble();
        if (dice < now.throttleRatio()) {
            stats.injected(Fault.THROTTLE);
            throw ApiException.throttling();
        }
        if (dice < now.throttleRatio() + now.errorRatio()) {
            stats.injected(Fault.ERROR);
            throw random.nextBoolean() ? ApiException.internalFailure() : ApiException.serviceUnavailable();
        }
    }

    long latencyMillis(FaultSettings now) {
        long jitter = now.latencyJitterMs();
        if (jitter == 0) {
            return now.latencyMs();
        }
        if (now.latencyDistribution() == LatencyDistribution.NORMAL) {
            return Math.max(0, Math.round(now.latencyMs() + random.nextGaussian() * jitter));
        }
        return now.latencyMs() + (long) (random.nextDouble() * (jitter + 1));
    }
}
