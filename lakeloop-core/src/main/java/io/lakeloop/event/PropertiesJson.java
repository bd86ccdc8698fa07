package io.lakeloop.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The {@code properties} member: on the wire a string holding a JSON object. Producers may give the string or the
 * object itself; this class turns either into the string Personalize receives and checks it.
 */
public final class PropertiesJson {

    private PropertiesJson() {
    }

    /**
     * @return the compact JSON string, or {@code null} when {@code value} is null
     * @throws InvalidEventException {@link ReasonCode#PROPERTIES_NOT_JSON} or {@link ReasonCode#WRONG_TYPE}
     */
    public static String normalize(Object value, String field) {
        if (value == null) {
            return null;
        }
        if (value instanceof CharSequence cs) {
            String s = cs.toString();
            parseObject(s, field);
            return s;
        }
        if (value instanceof Map<?, ?> map) {
            try {
                return RecordValues.JSON.writeValueAsString(map);
            } catch (JsonProcessingException e) {
                throw new InvalidEventException(Rejection.ofRecord(ReasonCode.PROPERTIES_NOT_JSON, field,
                        "'" + field + "' cannot be written as JSON"));
            }
        }
        throw new InvalidEventException(Rejection.ofRecord(ReasonCode.WRONG_TYPE, field,
                "'" + field + "' must be a JSON object or a string holding one, not " + value.getClass().getSimpleName()));
    }

    /**
     * Checks a properties string against a length limit and, for event-like properties, the reserved keys.
     *
     * @return the rejection, or {@code null} when valid
     */
    public static Rejection check(String json, String field, int maxLength, boolean reservedKeysApply) {
        if (json.isEmpty()) {
            return Rejection.ofRecord(ReasonCode.EMPTY_FIELD, field, "'" + field + "' is empty");
        }
        if (json.length() > maxLength) {
            return Rejection.ofRecord(ReasonCode.PROPERTIES_TOO_LONG, field, "'" + field + "' is " + json.length()
                    + " characters, more than the " + maxLength + " Personalize accepts");
        }
        JsonNode node;
        try {
            node = parseObject(json, field);
        } catch (InvalidEventException e) {
            return e.rejection();
        }
        if (reservedKeysApply) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (PersonalizeLimits.isReservedEventPropertyKey(key)) {
                    return Rejection.ofRecord(ReasonCode.PROPERTIES_RESERVED_KEY, field, "'" + field
                            + "' uses the reserved key '" + key + "' (reserved, case-insensitive: "
                            + PersonalizeLimits.RESERVED_EVENT_PROPERTY_KEYS + ")");
                }
            }
        }
        return null;
    }

    private static JsonNode parseObject(String s, String field) {
        try {
            JsonNode node = RecordValues.JSON.readTree(s);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (JsonProcessingException e) {
            // fall through to the rejection; the message never quotes the value
        }
        throw new InvalidEventException(Rejection.ofRecord(ReasonCode.PROPERTIES_NOT_JSON, field,
                "'" + field + "' must be a JSON object (given as a string or as an object)"));
    }
}
