package io.lakeloop.emulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/** Epoch seconds with a fraction, the wire form of the model's {@code timestamp} shapes. */
final class EpochSeconds {

    private EpochSeconds() {
    }

    static Instant toInstant(BigDecimal seconds) {
        if (seconds == null) {
            return null;
        }
        BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
        long nanos = seconds.subtract(whole).movePointRight(9).setScale(0, RoundingMode.HALF_UP).longValueExact();
        return Instant.ofEpochSecond(whole.longValueExact(), nanos);
    }
}
