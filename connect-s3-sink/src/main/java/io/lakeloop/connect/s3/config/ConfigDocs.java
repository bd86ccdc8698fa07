package io.lakeloop.connect.s3.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;

/** Renders a {@link ConfigDef} as the Markdown reference in {@code docs/connect-s3-sink-config.md}. */
public final class ConfigDocs {

    private ConfigDocs() {
    }

    public static String markdown(ConfigDef def) {
        StringBuilder sb = new StringBuilder(16_384);
        sb.append("# connect-s3-sink configuration\n\n")
                .append("Generated from `S3SinkConfig.configDef()` by `ConfigDocsTest`; do not edit by hand ")
                .append("(regenerate with `./mvnw -pl connect-s3-sink -am test -Dtest=ConfigDocsTest ")
                .append("-Dsurefire.failIfNoSpecifiedTests=false -Dlakeloop.docs.write=true`).\n\n")
                .append("Connector class: `io.lakeloop.connect.s3.S3SinkConnector`. ")
                .append("Connect's own sink keys (`topics`, `tasks.max`, `errors.*`, converters) apply as usual.\n");
        Map<String, List<ConfigKey>> groups = new LinkedHashMap<>();
        for (ConfigKey key : def.configKeys().values()) {
            groups.computeIfAbsent(key.group == null ? "Other" : key.group, g -> new ArrayList<>()).add(key);
        }
        for (Map.Entry<String, List<ConfigKey>> group : groups.entrySet()) {
            sb.append("\n## ").append(group.getKey()).append("\n\n")
                    .append("| key | type | default | valid values | importance | description |\n")
                    .append("|---|---|---|---|---|---|\n");
            List<ConfigKey> keys = new ArrayList<>(group.getValue());
            keys.sort((a, b) -> Integer.compare(a.orderInGroup, b.orderInGroup));
            for (ConfigKey k : keys) {
                sb.append("| `").append(k.name).append("` | ").append(k.type.name().toLowerCase(java.util.Locale.ROOT))
                        .append(" | ").append(defaultOf(k)).append(" | ")
                        .append(k.validator == null ? "" : cell(validValues(k.validator))).append(" | ")
                        .append(k.importance.name().toLowerCase(java.util.Locale.ROOT)).append(" | ")
                        .append(cell(k.documentation)).append(" |\n");
            }
        }
        return sb.toString();
    }

    private static String defaultOf(ConfigKey k) {
        if (!k.hasDefault()) {
            return "(required)";
        }
        if (k.type == ConfigDef.Type.PASSWORD) {
            return "(hidden)";
        }
        Object v = k.defaultValue;
        String s = v instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList()) : String.valueOf(v);
        return s.isEmpty() ? "\"\"" : "`" + s + "`";
    }

    /** Sorted enumerations: Kafka prints a case-insensitive set in hash order, which differs between versions. */
    private static String validValues(ConfigDef.Validator validator) {
        String s = validator.toString();
        int open = s.indexOf('[');
        if (s.startsWith("(case insensitive) [") && s.endsWith("]")) {
            List<String> items = new ArrayList<>(List.of(s.substring(open + 1, s.length() - 1).split(",\\s*")));
            items.replaceAll(i -> i.toLowerCase(java.util.Locale.ROOT));
            items.sort(null);
            return String.join(", ", items) + " (case-insensitive)";
        }
        return s;
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
