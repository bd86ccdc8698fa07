package io.lakeloop.connect.personalize;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakeloop.event.EventField;
import io.lakeloop.event.FieldNames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * A tracker batch cut down to some of its events, in the form it arrived in (JSON text, JSON bytes, a schemaless
 * {@code Map}, a {@code Struct}): every other field of the record as it was, the event list holding only the events
 * asked for, in their order. It is what goes to the dead-letter queue when some events of a batch were sent and others
 * rejected, so that a replay of the dead letters sends only what was not sent.
 */
final class RejectedEvents {

    /** Exact numbers in, exact numbers out: a rewritten value keeps every digit the producer sent. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private final FieldNames names;

    RejectedEvents(FieldNames names) {
        this.names = Objects.requireNonNull(names, "names");
    }

    /**
     * {@code value} with its event list cut down to the events at {@code indexes}; empty when it is not a tracker
     * batch in a form this can rewrite (the caller then dead-letters the record as it is).
     */
    Optional<Object> keepOnly(Object value, SortedSet<Integer> indexes) {
        try {
            if (value instanceof String text) {
                return json(text, indexes).map(JsonNode::toString);
            }
            if (value instanceof byte[] bytes) {
                return json(new String(bytes, StandardCharsets.UTF_8), indexes)
                        .map(n -> n.toString().getBytes(StandardCharsets.UTF_8));
            }
            if (value instanceof Map<?, ?> map) {
                return map(map, indexes);
            }
            if (value instanceof Struct struct) {
                return struct(struct, indexes);
            }
        } catch (RuntimeException e) {
            return Optional.empty(); // the record goes whole: nothing is lost, only the cut is skipped
        }
        return Optional.empty();
    }

    private Optional<JsonNode> json(String text, SortedSet<Integer> indexes) {
        JsonNode tree;
        try {
            tree = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        if (!(tree instanceof ObjectNode object)) {
            return Optional.empty();
        }
        for (String name : names.namesOf(EventField.EVENT_LIST)) {
            if (object.get(name) instanceof ArrayNode events) {
                ArrayNode kept = object.arrayNode();
                for (int i : indexes) {
                    if (i < events.size()) {
                        kept.add(events.get(i));
                    }
                }
                object.set(name, kept);
                return Optional.of(object);
            }
        }
        return Optional.empty();
    }

    private Optional<Object> map(Map<?, ?> map, SortedSet<Integer> indexes) {
        for (String name : names.namesOf(EventField.EVENT_LIST)) {
            if (map.get(name) instanceof List<?> events) {
                Map<Object, Object> copy = new LinkedHashMap<>(map);
                copy.put(name, pick(events, indexes));
                return Optional.of(copy);
            }
        }
        return Optional.empty();
    }

    private Optional<Object> struct(Struct struct, SortedSet<Integer> indexes) {
        for (String name : names.namesOf(EventField.EVENT_LIST)) {
            Field listField = struct.schema().field(name);
            if (listField != null && struct.get(listField) instanceof List<?> events) {
                Struct copy = new Struct(struct.schema());
                for (Field f : struct.schema().fields()) {
                    copy.put(f, f.equals(listField) ? pick(events, indexes) : struct.get(f));
                }
                return Optional.of(copy);
            }
        }
        return Optional.empty();
    }

    private static List<Object> pick(List<?> events, SortedSet<Integer> indexes) {
        List<Object> kept = new ArrayList<>(indexes.size());
        for (int i : indexes) {
            if (i < events.size()) {
                kept.add(events.get(i));
            }
        }
        return kept;
    }
}
