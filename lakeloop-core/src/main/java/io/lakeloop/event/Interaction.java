package io.lakeloop.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One interaction event, parsed and normalised, whatever shape it arrived in.
 *
 * @param userId                   the user, or {@code null} (PutEvents allows anonymous sessions; the lake does not)
 * @param sessionId                the session (required by PutEvents)
 * @param eventType                e.g. {@code click}
 * @param itemId                   the item, or {@code null}
 * @param sentAt                   when it happened, millisecond precision
 * @param eventValue               the value, or {@code null}
 * @param eventId                  the producer's id, or a deterministic one ({@link #eventIdDerived()})
 * @param eventIdDerived           {@code true} when the producer gave no id and {@link EventIds} derived one
 * @param properties               a JSON object as a compact string, or {@code null}
 * @param recommendationId         or {@code null}
 * @param impression               item ids shown, empty when none
 * @param metricAttributionSource  {@code metricAttribution.eventAttributionSource}, or {@code null}
 */
public record Interaction(
        String userId,
        String sessionId,
        String eventType,
        String itemId,
        Instant sentAt,
        Double eventValue,
        String eventId,
        boolean eventIdDerived,
        String properties,
        String recommendationId,
        List<String> impression,
        String metricAttributionSource) {

    public Interaction {
        Objects.requireNonNull(sentAt, "sentAt");
        impression = impression == null ? List.of() : List.copyOf(impression);
    }

    /** Epoch seconds, rounded down: the unit of the lake and of Personalize's bulk import. */
    public long epochSeconds() {
        return sentAt.getEpochSecond();
    }

    /** Epoch seconds with the milliseconds as a fraction: the unit of PutEvents' {@code sentAt}. */
    public double epochSecondsWithFraction() {
        return sentAt.toEpochMilli() / 1000.0;
    }

    /** Never prints ids or payload: safe for logs at any level. */
    @Override
    public String toString() {
        return "Interaction[eventType-length=" + (eventType == null ? 0 : eventType.length())
                + ", sentAt=" + sentAt + ", hasItem=" + (itemId != null) + "]";
    }
}
