package io.lakeloop.streams.collator;

import java.util.List;
import org.apache.kafka.common.config.ConfigDef;

/** The configuration reference as a Markdown table, generated from {@link CollatorConfig#CONFIG_DEF}. */
public final class ConfigDocs {

    private ConfigDocs() {
    }

    public static String markdown() {
        StringBuilder sb = new StringBuilder();
        String group = null;
        List<ConfigDef.ConfigKey> keys = CollatorConfig.CONFIG_DEF.configKeys().values().stream().toList();
        for (ConfigDef.ConfigKey key : keys) {
            if (!key.group.equals(group)) {
                group = key.group;
                sb.append(sb.length() == 0 ? "" : "\n").append("#### ").append(group).append("\n\n")
                        .append("| key | type | default | valid values | importance | description |\n")
                        .append("|---|---|---|---|---|---|\n");
            }
            sb.append("| `").append(key.name).append("` | ").append(key.type.name().toLowerCase())
                    .append(" | ").append(defaultOf(key)).append(" | ")
                    .append(key.validator == null ? "" : cell(key.validator.toString())).append(" | ")
                    .append(key.importance.name().toLowerCase()).append(" | ").append(cell(key.documentation))
                    .append(" |\n");
        }
        return sb.toString();
    }

    private static String defaultOf(ConfigDef.ConfigKey key) {
        Object d = key.defaultValue;
        if (d == null) {
            return "";
        }
        String s = d instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf).toList())
                : String.valueOf(d);
        return s.isEmpty() ? "\"\"" : "`" + s + "`";
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
