package io.lakeloop.emulator;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One action interaction a PutActionInteractions call delivered and the emulator accepted, with the call's tracking
 * id flattened in. {@code timestamp} is epoch seconds exactly as it came over the wire.
 *
 * @param sequence position among everything the emulator recorded since it started, from 1 (never reused)
 */
public record RecordedActionInteraction(long sequence, String trackingId, String actionId, String userId,
                                        String sessionId, BigDecimal timestamp, String eventType, String eventId,
                                        String recommendationId, List<String> impression, String properties) {

    /** {@link #timestamp()} as an instant. */
    public Instant timestampInstant() {
        return EpochSeconds.toInstant(timestamp);
    }
}
