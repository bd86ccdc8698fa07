package io.lakeloop.cli.demo;

import io.lakeloop.event.ReasonCode;
import java.util.Objects;

/**
 * One generated event and what must become of it.
 *
 * @param eventId the producer's event id (set on every GOOD and ANONYMOUS event; BAD events may lack one)
 * @param userId  null for ANONYMOUS events
 * @param reason  why the collator dead-letters it (null for GOOD)
 */
public record ExpectedEvent(String eventId, String userId, EventFate fate, ReasonCode reason) {

    public ExpectedEvent {
        Objects.requireNonNull(fate, "fate");
        if ((fate == EventFate.GOOD) != (reason == null)) {
            throw new IllegalArgumentException("A reason is given exactly for events that are not GOOD");
        }
    }
}
