package io.lakeloop.event;

/**
 * Why a record or an event was rejected. Machine-readable: the codes go into dead-letter headers, metrics and
 * reports, so they are stable API. Each {@link Rejection} pairs one with a human message that names the field.
 */
public enum ReasonCode {
    /**
     * The bytes are not UTF-8 JSON, or the value is of a type no parser understands; for the lake, also a lake column
     * whose text is not valid Unicode (an unpaired surrogate escaped in the JSON), with the field named.
     */
    UNDECODABLE,
    /** The value is valid JSON but not an object. */
    NOT_AN_OBJECT,
    /** A field the target requires is absent or null. */
    MISSING_FIELD,
    /** A string field is present but empty (the model requires at least one character). */
    EMPTY_FIELD,
    /** A string field is longer than the model allows. */
    FIELD_TOO_LONG,
    /** A field has the wrong JSON type (e.g. an object where a string is expected). */
    WRONG_TYPE,
    /** A tracker batch whose {@code event_list} is empty. */
    EMPTY_EVENT_LIST,
    /** {@code impression} is empty or holds more ids than the model allows. */
    IMPRESSION_SIZE,
    /** {@code properties} is not a JSON object (or a string holding one). */
    PROPERTIES_NOT_JSON,
    /** {@code properties} is longer than the model allows once serialised. */
    PROPERTIES_TOO_LONG,
    /** {@code properties} uses a key Personalize reserves (userId, sessionId, eventType, timestamp, ...). */
    PROPERTIES_RESERVED_KEY,
    /** {@code eventValue} is not a finite number representable as a float. */
    EVENT_VALUE_INVALID,
    /** {@code metricAttribution.eventAttributionSource} breaks the model's length or pattern. */
    ATTRIBUTION_SOURCE_INVALID,
    /** The timestamp is neither a number nor ISO-8601 with an offset. */
    TIMESTAMP_UNPARSEABLE,
    /** The timestamp is NaN or infinite. */
    TIMESTAMP_NOT_FINITE,
    /** The timestamp is before the epoch. */
    TIMESTAMP_NEGATIVE,
    /** The timestamp lies further in the future than the allowed clock skew. */
    TIMESTAMP_IN_FUTURE,
    /** The timestamp is older than the configured maximum age (used by the collator). */
    TIMESTAMP_TOO_OLD
}
