package io.lakeloop.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;

/**
 * The one configuration reference generator of every Lakeloop component: a {@link ConfigDef} as Markdown, one table
 * per group (groups in definition order, keys by their order in the group) with each key's type, default, valid
 * values, importance and description. Secrets ({@code PASSWORD} keys) are marked as such and their defaults never
 * shown. The output is the same on every Kafka version the components run on (case-insensitive enumerations, which
 * Kafka prints in hash order, are sorted).
 */
public final class ConfigMarkdown {

    static final String HEADER = "| key | type | default | valid values | importance | description |\n"
            + "|---|---|---|---|---|---|\n";
    private static final String CASE_INSENSITIVE = "(case insensitive) [";

    private ConfigMarkdown() {
    }

    /**
     * A whole reference page: {@code # title}, the introduction, then {@link #tables} with {@code ##} group headings.
     */
    public static String document(String title, String introduction, ConfigDef def) {
        return "# " + title + "\n\n" + introduction.strip() + "\n\n" + tables(def, 2);
    }

    /**
     * @param headingLevel the Markdown heading level of each group's title (2 for {@code ##})
     * @return one section per group: a heading, a blank line and the table; sections separated by a blank line
     */
    public static String tables(ConfigDef def, int headingLevel) {
        if (headingLevel < 1 || headingLevel > 6) {
            throw new IllegalArgumentException("Markdown heading levels are 1 to 6: " + headingLevel);
        }
        StringBuilder sb = new StringBuilder(16_384);
        for (Map.Entry<String, List<ConfigKey>> group : groups(def).entrySet()) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append("#".repeat(headingLevel)).append(' ').append(group.getKey()).append("\n\n").append(HEADER);
            for (ConfigKey key : group.getValue()) {
                sb.append(row(key));
            }
        }
        return sb.toString();
    }

    private static Map<String, List<ConfigKey>> groups(ConfigDef def) {
        Map<String, List<ConfigKey>> groups = new LinkedHashMap<>();
        for (ConfigKey key : def.configKeys().values()) {
            String group = key.group == null || key.group.isBlank() ? "Other" : key.group;
            groups.computeIfAbsent(group, g -> new ArrayList<>()).add(key);
        }
        // a stable sort: keys without an order in their group keep their definition order
        groups.values().forEach(keys -> keys.sort(Comparator.comparingInt(k -> k.orderInGroup)));
        return groups;
    }

    static String row(ConfigKey key) {
        return "| `" + key.name + "` | " + type(key) + " | " + defaultOf(key) + " | "
                + (key.validator == null ? "" : cell(validValues(key.validator))) + " | "
                + key.importance.name().toLowerCase(Locale.ROOT) + " | " + cell(key.documentation) + " |\n";
    }

    private static String type(ConfigKey key) {
        String type = key.type.name().toLowerCase(Locale.ROOT);
        return key.type == ConfigDef.Type.PASSWORD ? type + " (secret)" : type;
    }

    static String defaultOf(ConfigKey key) {
        if (!key.hasDefault()) {
            return "(required)";
        }
        if (key.type == ConfigDef.Type.PASSWORD) {
            return key.defaultValue == null ? "(none)" : "(hidden)";
        }
        Object value = key.defaultValue;
        if (value == null) {
            return "(none)";
        }
        String text = value instanceof List<?> list
                ? String.join(",", list.stream().map(String::valueOf).toList())
                : ConfigDef.convertToString(value, key.type);
        return text.isEmpty() ? "\"\"" : "`" + cell(text) + "`";
    }

    /** The validator's own description; case-insensitive enumerations sorted and lower-cased. */
    static String validValues(ConfigDef.Validator validator) {
        String text = Objects.toString(validator, "");
        if (text.startsWith(CASE_INSENSITIVE) && text.endsWith("]")) {
            List<String> items = new ArrayList<>(
                    List.of(text.substring(CASE_INSENSITIVE.length(), text.length() - 1).split(",\\s*")));
            items.replaceAll(i -> i.toLowerCase(Locale.ROOT));
            items.sort(null);
            return String.join(", ", items) + " (case-insensitive)";
        }
        return text;
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\r", "").replace("\n", " ");
    }
}
