package io.lakeloop.event;

/** Where an event is going, which decides what it must have. */
public enum ValidationTarget {
    /** A PutEvents call: sessionId, eventType and sentAt required; userId and itemId optional. */
    PUT_EVENTS,
    /** A lake row / the Personalize interactions CSV: additionally USER_ID and ITEM_ID. */
    LAKE
}
