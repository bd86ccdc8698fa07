package io.lakeloop.event;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The names under which each {@link EventField} is looked up in a record, first match wins.
 * Immutable; {@link #defaults()} accepts both snake_case and camelCase.
 *
 * <pre>{@code
 * FieldNames names = FieldNames.defaults().with(EventField.USER_ID, "customer_id");
 * }</pre>
 */
public final class FieldNames {

    private static final FieldNames DEFAULTS = new FieldNames(defaultMap());

    private final Map<EventField, List<String>> names;

    private FieldNames(Map<EventField, List<String>> names) {
        this.names = Collections.unmodifiableMap(names);
    }

    public static FieldNames defaults() {
        return DEFAULTS;
    }

    /** A copy in which {@code field} is looked up under {@code aliases} only, in that order. */
    public FieldNames with(EventField field, String... aliases) {
        Objects.requireNonNull(field, "field");
        if (aliases.length == 0 || Arrays.stream(aliases).anyMatch(a -> a == null || a.isBlank())) {
            throw new IllegalArgumentException("field " + field + " needs at least one non-blank name");
        }
        EnumMap<EventField, List<String>> copy = new EnumMap<>(names);
        copy.put(field, List.of(aliases));
        return new FieldNames(copy);
    }

    /**
     * Applies overrides given as {@code LOGICAL_NAME -> "a,b"} (e.g. from a connector config), keys matching
     * {@link EventField} names case-insensitively; blank values keep the default.
     */
    public FieldNames withOverrides(Map<String, String> overrides) {
        FieldNames result = this;
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            if (e.getValue() == null || e.getValue().isBlank()) {
                continue;
            }
            EventField field = EventField.valueOf(e.getKey().trim().toUpperCase(java.util.Locale.ROOT));
            String[] aliases = Arrays.stream(e.getValue().split(",")).map(String::trim)
                    .filter(s -> !s.isEmpty()).toArray(String[]::new);
            result = result.with(field, aliases);
        }
        return result;
    }

    public List<String> namesOf(EventField field) {
        return names.get(field);
    }

    /** The name used in messages: the first alias. */
    public String displayName(EventField field) {
        return names.get(field).get(0);
    }

    private static Map<EventField, List<String>> defaultMap() {
        EnumMap<EventField, List<String>> map = new EnumMap<>(EventField.class);
        for (EventField f : EventField.values()) {
            map.put(f, f.defaultNames());
        }
        return map;
    }

    @Override
    public String toString() {
        return "FieldNames" + names;
    }
}
