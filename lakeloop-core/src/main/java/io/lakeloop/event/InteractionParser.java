package io.lakeloop.event;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * Parses a raw interaction record in either shape of the event contract — a tracker batch
 * ({@code {user_id, session_id, event_list: [{eventType, itemId, sentAt, ...}]}}) or a flat event
 * ({@code {user_id, session_id, item_id, event_type, timestamp, ...}}) — from any form {@link RecordValues}
 * accepts, normalises timestamps, fills in deterministic event ids, and validates each event for a
 * {@link ValidationTarget}. Stateless and thread-safe.
 *
 * <p>A record is a tracker batch when it has an event-list field; otherwise it is a flat event.
 * In a batch, each event may carry its own user id or session id, which then wins over the batch's.
 */
public final class InteractionParser {

    private final FieldNames names;
    private final TimestampNormalizer timestamps;
    private final EventValidator validator;
    private final ValidationTarget target;

    public InteractionParser(FieldNames names, TimestampNormalizer timestamps, ValidationTarget target) {
        this.names = Objects.requireNonNull(names, "names");
        this.timestamps = Objects.requireNonNull(timestamps, "timestamps");
        this.target = Objects.requireNonNull(target, "target");
        this.validator = new EventValidator(names);
    }

    public static InteractionParser defaults(ValidationTarget target) {
        return new InteractionParser(FieldNames.defaults(), TimestampNormalizer.defaults(), target);
    }

    /** Parses a record; events without an EVENT_ID get one derived from their content ({@link EventIds}). */
    public ParseResult parse(Object value) {
        return parse(value, null);
    }

    /**
     * Parses a record; an event without an EVENT_ID gets {@code derivedIds.apply(index)} — its index in the record's
     * event list, 0 for a flat record — or, when {@code derivedIds} is {@code null}, an id derived from its content.
     * Either way {@link Interaction#eventIdDerived()} is {@code true}.
     */
    public ParseResult parse(Object value, IntFunction<String> derivedIds) {
        Map<String, Object> record;
        try {
            record = RecordValues.toMap(value);
        } catch (InvalidEventException e) {
            return ParseResult.rejected(e.rejection());
        }
        Object list = get(record, EventField.EVENT_LIST);
        if (list == null && !has(record, EventField.EVENT_LIST)) {
            return parseFlat(record, derivedIds);
        }
        return parseBatch(record, list, derivedIds);
    }

    private ParseResult parseFlat(Map<String, Object> record, IntFunction<String> derivedIds) {
        try {
            Interaction e = readEvent(record, record, 0, derivedIds);
            Rejection r = validator.validate(e, target);
            return r == null ? new ParseResult(List.of(e), List.of()) : ParseResult.rejected(r);
        } catch (InvalidEventException ex) {
            return ParseResult.rejected(ex.rejection());
        }
    }

    private ParseResult parseBatch(Map<String, Object> record, Object list, IntFunction<String> derivedIds) {
        String listName = names.displayName(EventField.EVENT_LIST);
        if (!(list instanceof List<?> events)) {
            return ParseResult.rejected(Rejection.ofRecord(ReasonCode.WRONG_TYPE, listName,
                    "'" + listName + "' must be a list of events"));
        }
        if (events.isEmpty()) {
            return ParseResult.rejected(Rejection.ofRecord(ReasonCode.EMPTY_EVENT_LIST, listName,
                    "'" + listName + "' is empty"));
        }
        List<Interaction> ok = new ArrayList<>(events.size());
        List<Rejection> bad = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (!(events.get(i) instanceof Map<?, ?> raw)) {
                bad.add(Rejection.ofRecord(ReasonCode.WRONG_TYPE, listName,
                        "'" + listName + "[" + i + "]' must be an object").atEvent(i));
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> event = (Map<String, Object>) raw;
            try {
                Interaction e = readEvent(record, event, i, derivedIds);
                Rejection r = validator.validate(e, target);
                if (r == null) {
                    ok.add(e);
                } else {
                    bad.add(r.atEvent(i));
                }
            } catch (InvalidEventException ex) {
                bad.add(ex.rejection().atEvent(i));
            }
        }
        return new ParseResult(ok, bad);
    }

    /** Reads one event; ids come from the event first, then from the enclosing record. */
    private Interaction readEvent(Map<String, Object> record, Map<String, Object> event, int index,
                                  IntFunction<String> derivedIds) {
        String userId = string(event, EventField.USER_ID);
        if (userId == null && event != record) {
            userId = string(record, EventField.USER_ID);
        }
        String sessionId = string(event, EventField.SESSION_ID);
        if (sessionId == null && event != record) {
            sessionId = string(record, EventField.SESSION_ID);
        }
        String eventType = string(event, EventField.EVENT_TYPE);
        String itemId = string(event, EventField.ITEM_ID);
        Instant sentAt = timestamps.normalize(get(event, EventField.TIMESTAMP), names.displayName(EventField.TIMESTAMP));
        Double eventValue = number(event, EventField.EVENT_VALUE);
        String properties = PropertiesJson.normalize(get(event, EventField.PROPERTIES),
                names.displayName(EventField.PROPERTIES));
        String recommendationId = string(event, EventField.RECOMMENDATION_ID);
        List<String> impression = stringList(event, EventField.IMPRESSION);
        String attribution = attributionSource(event);
        String eventId = string(event, EventField.EVENT_ID);
        boolean derived = eventId == null;
        if (derived) {
            eventId = derivedIds != null ? derivedIds.apply(index)
                    : EventIds.fromContent(userId, sessionId, eventType, itemId, sentAt.toEpochMilli(), eventValue,
                    properties, recommendationId, impression);
        }
        return new Interaction(userId, sessionId, eventType, itemId, sentAt, eventValue, eventId, derived,
                properties, recommendationId, impression, attribution);
    }

    private Object get(Map<String, Object> map, EventField field) {
        for (String name : names.namesOf(field)) {
            Object v = map.get(name);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private boolean has(Map<String, Object> map, EventField field) {
        for (String name : names.namesOf(field)) {
            if (map.containsKey(name)) {
                return true;
            }
        }
        return false;
    }

    private String string(Map<String, Object> map, EventField field) {
        Object v = get(map, field);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof BigInteger) {
            return v.toString();
        }
        if (v instanceof CharSequence cs) {
            return cs.toString();
        }
        String name = names.displayName(field);
        throw new InvalidEventException(Rejection.ofRecord(ReasonCode.WRONG_TYPE, name,
                "'" + name + "' must be a string, not " + typeName(v)));
    }

    private Double number(Map<String, Object> map, EventField field) {
        Object v = get(map, field);
        String name = names.displayName(field);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return new BigDecimal(s.trim()).doubleValue();
            } catch (NumberFormatException e) {
                throw new InvalidEventException(Rejection.ofRecord(ReasonCode.EVENT_VALUE_INVALID, name,
                        "'" + name + "' is not a number"));
            }
        }
        throw new InvalidEventException(Rejection.ofRecord(ReasonCode.WRONG_TYPE, name,
                "'" + name + "' must be a number, not " + typeName(v)));
    }

    private List<String> stringList(Map<String, Object> map, EventField field) {
        Object v = get(map, field);
        String name = names.displayName(field);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw new InvalidEventException(Rejection.ofRecord(ReasonCode.WRONG_TYPE, name,
                    "'" + name + "' must be a list of item ids"));
        }
        if (list.isEmpty()) {
            throw new InvalidEventException(Rejection.ofRecord(ReasonCode.IMPRESSION_SIZE, name,
                    "'" + name + "' is an empty list; omit it or list 1.." + PersonalizeLimits.MAX_IMPRESSIONS + " ids"));
        }
        List<String> out = new ArrayList<>(list.size());
        for (Object o : list) {
            if (o instanceof String s) {
                out.add(s);
            } else if (o instanceof Integer || o instanceof Long) {
                out.add(o.toString());
            } else {
                throw new InvalidEventException(Rejection.ofRecord(ReasonCode.WRONG_TYPE, name,
                        "'" + name + "' must hold strings only"));
            }
        }
        return out;
    }

    private String attributionSource(Map<String, Object> event) {
        Object v = get(event, EventField.METRIC_ATTRIBUTION);
        if (v == null) {
            return null;
        }
        String name = names.displayName(EventField.METRIC_ATTRIBUTION);
        if (v instanceof Map<?, ?> m && m.get("eventAttributionSource") instanceof String s) {
            return s;
        }
        if (v instanceof Map<?, ?> m && m.get("event_attribution_source") instanceof String s) {
            return s;
        }
        throw new InvalidEventException(Rejection.ofRecord(ReasonCode.WRONG_TYPE, name,
                "'" + name + "' must be an object with a string 'eventAttributionSource'"));
    }

    private static String typeName(Object v) {
        if (v instanceof Map) {
            return "an object";
        }
        if (v instanceof List) {
            return "a list";
        }
        return v.getClass().getSimpleName();
    }
}
