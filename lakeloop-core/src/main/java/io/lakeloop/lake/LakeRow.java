package io.lakeloop.lake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakeloop.event.Interaction;
import io.lakeloop.event.RecordValues;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One row of the lake's interactions table: {@code USER_ID, ITEM_ID, TIMESTAMP, EVENT_TYPE, EVENT_VALUE, SESSION_ID,
 * EVENT_ID}, TIMESTAMP in epoch seconds, EVENT_VALUE and SESSION_ID optional.
 *
 * <p>Two serial forms, both owned here: a JSON object whose keys are the column names (the value of
 * {@code lake.interactions} records), and RFC 4180 CSV in schema order (the lake table and the import file).
 */
public record LakeRow(String userId, String itemId, long timestamp, String eventType, Double eventValue,
                      String sessionId, String eventId) {

    public LakeRow {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(eventId, "eventId");
    }

    /** A row from an event already validated for {@code ValidationTarget.LAKE}. */
    public static LakeRow of(Interaction e) {
        return new LakeRow(e.userId(), e.itemId(), e.epochSeconds(), e.eventType(), e.eventValue(), e.sessionId(),
                e.eventId());
    }

    /** The cell of {@code column} as it is written to CSV ({@code ""} for an absent optional value). */
    public String cell(LakeColumn column) {
        return switch (column) {
            case USER_ID -> userId;
            case ITEM_ID -> itemId;
            case TIMESTAMP -> Long.toString(timestamp);
            case EVENT_TYPE -> eventType;
            case EVENT_VALUE -> eventValue == null ? "" : formatValue(eventValue);
            case SESSION_ID -> sessionId == null ? "" : sessionId;
            case EVENT_ID -> eventId;
        };
    }

    public List<String> cells(List<LakeColumn> columns) {
        List<String> out = new ArrayList<>(columns.size());
        for (LakeColumn c : columns) {
            out.add(cell(c));
        }
        return out;
    }

    /** The RFC 4180 CSV line for {@code columns}, ending in CRLF. */
    public String toCsvLine(List<LakeColumn> columns) {
        StringBuilder sb = new StringBuilder(96);
        Csv.appendRow(sb, cells(columns));
        return sb.toString();
    }

    public ObjectNode toJsonNode() {
        ObjectNode node = RecordValues.JSON.createObjectNode();
        node.put(LakeColumn.USER_ID.name(), userId);
        node.put(LakeColumn.ITEM_ID.name(), itemId);
        node.put(LakeColumn.TIMESTAMP.name(), timestamp);
        node.put(LakeColumn.EVENT_TYPE.name(), eventType);
        if (eventValue == null) {
            node.putNull(LakeColumn.EVENT_VALUE.name());
        } else {
            node.put(LakeColumn.EVENT_VALUE.name(), eventValue);
        }
        if (sessionId == null) {
            node.putNull(LakeColumn.SESSION_ID.name());
        } else {
            node.put(LakeColumn.SESSION_ID.name(), sessionId);
        }
        node.put(LakeColumn.EVENT_ID.name(), eventId);
        return node;
    }

    /**
     * The JSON form, exactly as Jackson writes {@link #toJsonNode()} (the test compares them), written directly: it is
     * rendered once per event on the collator's hot path, where the tree and the generator cost more than the rest.
     */
    public String toJson() {
        StringBuilder sb = new StringBuilder(64 + userId.length() + itemId.length() + eventType.length()
                + eventId.length() + (sessionId == null ? 0 : sessionId.length()));
        sb.append("{\"USER_ID\":");
        JsonText.appendString(sb, userId);
        sb.append(",\"ITEM_ID\":");
        JsonText.appendString(sb, itemId);
        sb.append(",\"TIMESTAMP\":").append(timestamp).append(",\"EVENT_TYPE\":");
        JsonText.appendString(sb, eventType);
        sb.append(",\"EVENT_VALUE\":");
        if (eventValue == null) {
            sb.append("null");
        } else {
            JsonText.appendDouble(sb, eventValue);
        }
        sb.append(",\"SESSION_ID\":");
        if (sessionId == null) {
            sb.append("null");
        } else {
            JsonText.appendString(sb, sessionId);
        }
        sb.append(",\"EVENT_ID\":");
        JsonText.appendString(sb, eventId);
        return sb.append('}').toString();
    }

    /** Reads the JSON form; column names are matched case-insensitively. */
    public static LakeRow fromJson(String json) {
        try {
            return fromMap(RecordValues.JSON.convertValue(RecordValues.JSON.readTree(json), Map.class));
        } catch (IOException e) {
            throw new IllegalArgumentException("not a lake row: invalid JSON", e);
        }
    }

    /** Reads a map keyed by column names (case-insensitive), e.g. a schemaless Connect value. */
    public static LakeRow fromMap(Map<?, ?> map) {
        String[] v = new String[LakeColumn.ALL.size()];
        Double value = null;
        Long ts = null;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            LakeColumn c = LakeColumn.byName(String.valueOf(e.getKey())).orElse(null);
            Object raw = e.getValue() instanceof JsonNode n ? RecordValues.JSON.convertValue(n, Object.class) : e.getValue();
            if (c == null || raw == null) {
                continue;
            }
            try {
                switch (c) {
                    case TIMESTAMP -> ts = raw instanceof Number n ? n.longValue() : Long.parseLong(raw.toString().trim());
                    case EVENT_VALUE -> value = raw instanceof Number n ? n.doubleValue()
                            : raw.toString().isBlank() ? null : Double.parseDouble(raw.toString());
                    default -> v[c.ordinal()] = raw.toString();
                }
            } catch (NumberFormatException notANumber) {
                // its message quotes the value, which must never reach a log or a dead-letter header
                throw new IllegalArgumentException("not a lake row: " + c + " is not a number");
            }
        }
        if (ts == null) {
            throw new IllegalArgumentException("not a lake row: TIMESTAMP is missing");
        }
        for (LakeColumn required : List.of(LakeColumn.USER_ID, LakeColumn.ITEM_ID, LakeColumn.EVENT_TYPE, LakeColumn.EVENT_ID)) {
            if (v[required.ordinal()] == null) {
                throw new IllegalArgumentException("not a lake row: " + required + " is missing");
            }
        }
        String session = v[LakeColumn.SESSION_ID.ordinal()];
        return new LakeRow(v[0], v[1], ts, v[LakeColumn.EVENT_TYPE.ordinal()], value,
                session == null || session.isEmpty() ? null : session, v[LakeColumn.EVENT_ID.ordinal()]);
    }

    /** Integral values without a fraction ({@code 2} not {@code 2.0}); others in shortest round-trip form. */
    static String formatValue(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    @Override
    public String toString() {
        return "LakeRow[timestamp=" + timestamp + ", hasValue=" + (eventValue != null) + "]";
    }
}
