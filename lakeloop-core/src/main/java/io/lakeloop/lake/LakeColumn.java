package io.lakeloop.lake;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The columns of the lake's interactions table, in schema order. This order is the CSV column order of the lake
 * table, of {@code lake.interactions} and of the Personalize import file (which takes a prefix of it).
 */
public enum LakeColumn {
    USER_ID, ITEM_ID, TIMESTAMP, EVENT_TYPE, EVENT_VALUE, SESSION_ID, EVENT_ID;

    /** All columns, in schema order. */
    public static final List<LakeColumn> ALL = List.of(values());
    /** What Personalize needs at least: {@code USER_ID,ITEM_ID,TIMESTAMP}. */
    public static final List<LakeColumn> PERSONALIZE_REQUIRED = List.of(USER_ID, ITEM_ID, TIMESTAMP);

    /** Case-insensitive lookup of a header or config name. */
    public static Optional<LakeColumn> byName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String upper = name.trim().toUpperCase(Locale.ROOT);
        for (LakeColumn c : values()) {
            if (c.name().equals(upper)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
