package io.lakeloop.event;

import java.util.List;

/**
 * The logical fields of the event contract, each with the names it is accepted under by default (snake_case and
 * camelCase; the tracker batch's {@code sentAt} and the flat event's {@code timestamp} are the same field).
 * {@link FieldNames} lets a deployment rename any of them.
 */
public enum EventField {
    USER_ID("user_id", "userId"),
    SESSION_ID("session_id", "sessionId"),
    EVENT_LIST("event_list", "eventList"),
    ITEM_ID("item_id", "itemId"),
    EVENT_TYPE("event_type", "eventType"),
    TIMESTAMP("timestamp", "sentAt", "sent_at"),
    EVENT_VALUE("event_value", "eventValue"),
    EVENT_ID("event_id", "eventId"),
    PROPERTIES("properties"),
    RECOMMENDATION_ID("recommendation_id", "recommendationId"),
    IMPRESSION("impression"),
    METRIC_ATTRIBUTION("metric_attribution", "metricAttribution");

    private final List<String> defaultNames;

    EventField(String... defaultNames) {
        this.defaultNames = List.of(defaultNames);
    }

    public List<String> defaultNames() {
        return defaultNames;
    }
}
