package io.lakeloop.cli.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakeloop.event.ReasonCode;
import io.lakeloop.event.RecordValues;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The two payload shapes of the event contract (design.md), built from events in the tracker's field names. */
final class Payloads {

    /** Tracker field name → flat field name. */
    private static final Map<String, String> FLAT_NAMES = Map.of("eventType", "event_type", "itemId", "item_id",
            "eventId", "event_id", "eventValue", "event_value", "recommendationId", "recommendation_id");

    private Payloads() {
    }

    /** {@code {"user_id", "session_id", "event_list": [{eventType, itemId, sentAt (epoch seconds), ...}]}} */
    static DemoRecord trackerBatch(String user, String session, List<ObjectNode> events, List<Instant> times,
                                   String key, EventFate fate) {
        ObjectNode root = RecordValues.JSON.createObjectNode();
        if (user != null) {
            root.put("user_id", user);
        }
        root.put("session_id", session);
        ArrayNode list = root.putArray("event_list");
        List<ExpectedEvent> expected = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            ObjectNode event = events.get(i).deepCopy();
            event.put("sentAt", times.get(i).getEpochSecond());
            list.add(event);
            expected.add(new ExpectedEvent(event.path("eventId").asText(null), user, fate,
                    fate == EventFate.GOOD ? null : ReasonCode.MISSING_FIELD));
        }
        return new DemoRecord(key, root.toString(), times.get(0).toEpochMilli(), expected);
    }

    /** {@code {"user_id", "session_id", "item_id", "event_type", "timestamp" (ms or ISO-8601), ...}} */
    static DemoRecord flat(String user, String session, ObjectNode event, Instant time, boolean iso, String key,
                           EventFate fate, ReasonCode reason) {
        ObjectNode root = flatNode(user, session, event);
        if (iso) {
            root.put("timestamp", time.toString());
        } else {
            root.put("timestamp", time.toEpochMilli());
        }
        return new DemoRecord(key, root.toString(), time.toEpochMilli(),
                List.of(new ExpectedEvent(event.path("eventId").asText(null), user, fate, reason)));
    }

    static ObjectNode flatNode(String user, String session, ObjectNode event) {
        ObjectNode root = RecordValues.JSON.createObjectNode();
        if (user != null) {
            root.put("user_id", user);
        }
        root.put("session_id", session);
        event.fields().forEachRemaining(e -> {
            String name = FLAT_NAMES.getOrDefault(e.getKey(), e.getKey());
            if ("properties".equals(name) && e.getValue().isTextual()) {
                root.set(name, parse(e.getValue().asText()));
            } else {
                root.set(name, e.getValue());
            }
        });
        return root;
    }

    private static JsonNode parse(String json) {
        try {
            return RecordValues.JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("generated properties are not JSON", e);
        }
    }
}
