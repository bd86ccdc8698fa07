package io.lakeloop.emulator;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One event a PutEvents call delivered and the emulator accepted, with the call's tracking, user and session ids
 * flattened in. {@code sentAt} is epoch seconds exactly as it came over the wire (the SDK sends 3 decimals).
 * Members the caller did not send are null; the emulator never invents an {@code eventId}.
 *
 * @param sequence position among everything the emulator recorded since it started, from 1 (never reused)
 */
public record RecordedEvent(long sequence, String trackingId, String userId, String sessionId, String eventId,
                            String eventType, Float eventValue, String itemId, String properties, BigDecimal sentAt,
                            String recommendationId, List<String> impression, String eventAttributionSource) {

    /** {@link #sentAt()} as an instant (millisecond precision, as sent). */
    public Instant sentAtInstant() {
        return EpochSeconds.toInstant(sentAt);
    }
}
