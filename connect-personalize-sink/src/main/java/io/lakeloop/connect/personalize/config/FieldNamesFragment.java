package io.lakeloop.connect.personalize.config;

import io.lakeloop.event.EventField;
import io.lakeloop.event.FieldNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * The {@code field.*} keys: one per {@link EventField} of the event contract, each naming where that field is read
 * from (comma-separated aliases, first match wins). Empty keeps core's defaults, which accept snake_case and camelCase.
 */
public final class FieldNamesFragment {

    public static final String GROUP = "Field names";
    public static final String PREFIX = "field.";

    private FieldNamesFragment() {
    }

    /** {@code field.user.id} for {@link EventField#USER_ID}, and so on. */
    public static String key(EventField field) {
        return PREFIX + field.name().toLowerCase(Locale.ROOT).replace('_', '.');
    }

    public static ConfigDef define(ConfigDef def) {
        int order = 0;
        for (EventField field : EventField.values()) {
            String display = field.name().charAt(0) + field.name().substring(1).toLowerCase(Locale.ROOT)
                    .replace('_', ' ') + " field";
            def.define(key(field), Type.STRING, "", Importance.LOW,
                    "Names the event's " + field.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                            + " is read from, comma-separated, first match wins. Empty: "
                            + String.join(",", field.defaultNames()) + ".",
                    GROUP, ++order, Width.MEDIUM, display);
        }
        return def;
    }

    public static FieldNames fieldNames(AbstractConfig config) {
        FieldNames names = FieldNames.defaults();
        for (EventField field : EventField.values()) {
            String value = config.getString(key(field));
            if (value != null && !value.isBlank()) {
                String[] aliases = value.split(",");
                List<String> clean = new ArrayList<>();
                for (String a : aliases) {
                    if (!a.isBlank()) {
                        clean.add(a.trim());
                    }
                }
                if (!clean.isEmpty()) {
                    names = names.with(field, clean.toArray(String[]::new));
                }
            }
        }
        return names;
    }

    public static List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (EventField field : EventField.values()) {
            keys.add(key(field));
        }
        return keys;
    }
}
