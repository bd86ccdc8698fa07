package io.lakeloop.emulator;

import static io.lakeloop.event.PersonalizeLimits.MIN_IMPRESSIONS;
import static io.lakeloop.event.PersonalizeLimits.MAX_IMPRESSIONS;
import static io.lakeloop.event.PersonalizeLimits.PROPERTIES_MIN_LENGTH;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.lakeloop.event.PersonalizeLimits;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Reads the members of a REST-JSON request body by the model's rules. A member of the wrong JSON type is a
 * {@code SerializationException} (as the service answers it); a member that breaks a constraint is collected in
 * {@link #violations()} so that one answer names them all. Paths follow the service: {@code eventList.1.member.itemId}.
 */
final class RequestReader {

    private final Violations violations = new Violations();

    Violations violations() {
        return violations;
    }

    static String memberPath(String listPath, int index) {
        return listPath + "." + (index + 1) + ".member";
    }

    static String child(String parentPath, String member) {
        return parentPath.isEmpty() ? member : parentPath + "." + member;
    }

    /** A string member checked against {@code min..max} (code points); null when absent. */
    String string(JsonNode parent, String member, String parentPath, boolean required, int min, int max) {
        String path = child(parentPath, member);
        JsonNode node = present(parent, member, path, required);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiException.serialization("Value at '" + path + "' must be a string");
        }
        String value = node.textValue();
        violations.length(path, PersonalizeLimits.modelLength(value), min, max);
        return value;
    }

    /** A {@code timestamp} member: epoch seconds as a JSON number, kept exactly as sent. */
    BigDecimal timestamp(JsonNode parent, String member, String parentPath, boolean required) {
        String path = child(parentPath, member);
        JsonNode node = present(parent, member, path, required);
        if (node == null) {
            return null;
        }
        if (!node.isNumber()) {
            throw ApiException.serialization("Value at '" + path + "' must be a number of epoch seconds");
        }
        return node.decimalValue();
    }

    /** A {@code float} member. */
    Float floatValue(JsonNode parent, String member, String parentPath) {
        String path = child(parentPath, member);
        JsonNode node = present(parent, member, path, false);
        if (node == null) {
            return null;
        }
        if (!node.isNumber()) {
            throw ApiException.serialization("Value at '" + path + "' must be a number");
        }
        return node.floatValue();
    }

    /** A list member checked against {@code min..max} entries; empty when absent. */
    List<JsonNode> list(JsonNode parent, String member, String parentPath, boolean required, int min, int max) {
        String path = child(parentPath, member);
        JsonNode node = present(parent, member, path, required);
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            throw ApiException.serialization("Value at '" + path + "' must be a list");
        }
        violations.length(path, node.size(), min, max);
        List<JsonNode> out = new ArrayList<>(node.size());
        node.forEach(out::add);
        return out;
    }

    /** A structure member (or a list entry), which must be a JSON object when present. */
    JsonNode structure(JsonNode node, String path) {
        if (!node.isObject()) {
            throw ApiException.serialization("Value at '" + path + "' must be a structure");
        }
        return node;
    }

    /** An {@code Impression}/{@code ActionImpression} list: 1..25 ids of 1..256 characters; null when absent. */
    List<String> impression(JsonNode parent, String parentPath) {
        String path = child(parentPath, "impression");
        if (parent.get("impression") == null || parent.get("impression").isNull()) {
            return null;
        }
        List<JsonNode> entries = list(parent, "impression", parentPath, false, MIN_IMPRESSIONS, MAX_IMPRESSIONS);
        List<String> ids = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            String entryPath = memberPath(path, i);
            if (!entry.isTextual()) {
                throw ApiException.serialization("Value at '" + entryPath + "' must be a string");
            }
            violations.length(entryPath, PersonalizeLimits.modelLength(entry.textValue()),
                    PersonalizeLimits.ID_MIN_LENGTH, PersonalizeLimits.ID_MAX_LENGTH);
            ids.add(entry.textValue());
        }
        return List.copyOf(ids);
    }

    /**
     * A {@code properties} member: a string of {@code 1..max} characters holding a JSON object; with
     * {@code reservedKeys} its keys may not be one of {@link PersonalizeLimits#RESERVED_EVENT_PROPERTY_KEYS}.
     */
    String properties(JsonNode parent, String parentPath, int max, boolean reservedKeys) {
        String path = child(parentPath, "properties");
        String value = string(parent, "properties", parentPath, false, PROPERTIES_MIN_LENGTH, max);
        if (value == null) {
            return null;
        }
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(value);
        } catch (JsonProcessingException e) {
            tree = null;
        }
        if (tree == null || !tree.isObject()) {
            violations.failed(path, "Member must be a string holding a valid JSON object");
            return value;
        }
        if (reservedKeys) {
            for (Iterator<String> keys = tree.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (PersonalizeLimits.isReservedEventPropertyKey(key)) {
                    violations.failed(path, "Member must not use the reserved key '" + key + "' (case insensitive)");
                }
            }
        }
        return value;
    }

    private JsonNode present(JsonNode parent, String member, String path, boolean required) {
        JsonNode node = parent.get(member);
        if (node == null || node.isNull()) {
            if (required) {
                violations.missing(path);
            }
            return null;
        }
        return node;
    }
}
