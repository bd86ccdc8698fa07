package io.lakeloop.streams.collator;

import java.util.Objects;

/**
 * One valid event on its way to the lake: the user it is keyed by, its event id (the dedupe key) and its lake row
 * already rendered as {@code LakeRow.toJson()}, so the dedupe step forwards the row without parsing it again.
 *
 * @param direct whether the event is already in the partition of its user and goes straight to the dedupe step;
 *               otherwise it is repartitioned by user first ({@link ByUserRouting}). Not part of the serial form.
 */
public record CollatedEvent(String userId, String eventId, String rowJson, boolean direct) implements Collated {

    public CollatedEvent {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(rowJson, "rowJson");
    }

    public CollatedEvent(String userId, String eventId, String rowJson) {
        this(userId, eventId, rowJson, false);
    }

    /** The same event, routed straight to the dedupe step or not. */
    CollatedEvent routed(boolean straight) {
        return straight == direct ? this : new CollatedEvent(userId, eventId, rowJson, straight);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CollatedEvent e && userId.equals(e.userId) && eventId.equals(e.eventId)
                && rowJson.equals(e.rowJson);
    }

    @Override
    public int hashCode() {
        return Objects.hash(userId, eventId, rowJson);
    }

    @Override
    public String toString() {
        return "CollatedEvent[rowJson-length=" + rowJson.length() + "]";
    }
}
