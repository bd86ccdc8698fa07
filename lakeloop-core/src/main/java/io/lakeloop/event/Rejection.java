package io.lakeloop.event;

import java.util.Objects;

/**
 * One rejected record or event: a machine-readable {@link ReasonCode}, the field at fault (the name as configured,
 * or {@code null} for the record as a whole), the position of the event in a tracker batch ({@code -1} for the record)
 * and a message for humans. Messages name fields and limits, never user ids or payload values.
 */
public record Rejection(ReasonCode code, String field, int eventIndex, String message) {

    public Rejection {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    public static Rejection ofRecord(ReasonCode code, String field, String message) {
        return new Rejection(code, field, -1, message);
    }

    /** The same rejection, located at event {@code index} of a tracker batch. */
    public Rejection atEvent(int index) {
        return new Rejection(code, field, index, message);
    }

    @Override
    public String toString() {
        String where = eventIndex >= 0 ? "event " + eventIndex + ": " : "";
        return code + " (" + where + message + ")";
    }
}
