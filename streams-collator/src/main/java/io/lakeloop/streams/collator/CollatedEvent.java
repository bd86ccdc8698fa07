package io.lakeloop.streams.collator;

import java.util.Objects;

/**
 * One valid event on its way to the lake: the user it is keyed by, its event id (the dedupe key) and its lake row
 * already rendered as {@code LakeRow.toJson()}, so the dedupe step forwards the row without parsing it again.
 */
public record CollatedEvent(String userId, String eventId, String rowJson) implements Collated {

    public CollatedEvent {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(rowJson, "rowJson");
    }

    @Override
    public String toString() {
        return "CollatedEvent[rowJson-length=" + rowJson.length() + "]";
    }
}
