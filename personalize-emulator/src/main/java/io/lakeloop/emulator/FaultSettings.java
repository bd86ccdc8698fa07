package io.lakeloop.emulator;

import java.util.Locale;
import java.util.Objects;

/**
 * What to inject into API calls. Ratios are probabilities in 0..1 per call: {@code throttleRatio} answers 429
 * {@code ThrottlingException}, {@code errorRatio} answers 500 {@code InternalFailure} or 503
 * {@code ServiceUnavailableException} (half each). Latency is added to every API call: {@code latencyMs} plus, with
 * {@link LatencyDistribution#UNIFORM}, a uniform 0..{@code latencyJitterMs}, or with {@link LatencyDistribution#NORMAL}
 * a normal deviate of standard deviation {@code latencyJitterMs} (never below 0 in total). {@code outageSeconds > 0}
 * starts an outage of that length when the settings are applied: {@link OutageMode#REFUSE} stops listening on the
 * port (connection refused) and binds it again afterwards, {@link OutageMode#UNAVAILABLE} answers 503 meanwhile.
 */
public record FaultSettings(double throttleRatio, double errorRatio, long latencyMs, long latencyJitterMs,
                            LatencyDistribution latencyDistribution, long outageSeconds, OutageMode outageMode) {

    public enum LatencyDistribution { UNIFORM, NORMAL }

    public enum OutageMode {
        REFUSE("refuse"), UNAVAILABLE("503");

        private final String wireName;

        OutageMode(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        /** Accepts {@code refuse}, {@code 503} or the constant's name, any case. */
        public static OutageMode parse(String text) {
            String value = Objects.requireNonNull(text, "outageMode").trim().toLowerCase(Locale.ROOT);
            for (OutageMode mode : values()) {
                if (mode.wireName.equals(value) || mode.name().toLowerCase(Locale.ROOT).equals(value)) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("outageMode must be 'refuse' or '503', not '" + text + "'");
        }
    }

    public FaultSettings {
        requireRatio("throttleRatio", throttleRatio);
        requireRatio("errorRatio", errorRatio);
        if (throttleRatio + errorRatio > 1.0 + 1e-9) {
            throw new IllegalArgumentException("throttleRatio + errorRatio must not exceed 1: "
                    + throttleRatio + " + " + errorRatio);
        }
        requireNonNegative("latencyMs", latencyMs);
        requireNonNegative("latencyJitterMs", latencyJitterMs);
        requireNonNegative("outageSeconds", outageSeconds);
        latencyDistribution = latencyDistribution == null ? LatencyDistribution.UNIFORM : latencyDistribution;
        outageMode = outageMode == null ? OutageMode.REFUSE : outageMode;
    }

    /** No fault at all. */
    public static FaultSettings none() {
        return new FaultSettings(0, 0, 0, 0, LatencyDistribution.UNIFORM, 0, OutageMode.REFUSE);
    }

    public FaultSettings withThrottleRatio(double ratio) {
        return new FaultSettings(ratio, errorRatio, latencyMs, latencyJitterMs, latencyDistribution,
                outageSeconds, outageMode);
    }

    public FaultSettings withErrorRatio(double ratio) {
        return new FaultSettings(throttleRatio, ratio, latencyMs, latencyJitterMs, latencyDistribution,
                outageSeconds, outageMode);
    }

    public FaultSettings withLatency(long millis, long jitterMillis, LatencyDistribution distribution) {
        return new FaultSettings(throttleRatio, errorRatio, millis, jitterMillis, distribution,
                outageSeconds, outageMode);
    }

    public FaultSettings withOutage(long seconds, OutageMode mode) {
        return new FaultSettings(throttleRatio, errorRatio, latencyMs, latencyJitterMs, latencyDistribution,
                seconds, mode);
    }

    private static void requireRatio(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1: " + value);
        }
    }

    private static void requireNonNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
    }
}
