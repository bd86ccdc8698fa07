package io.lakeloop.connect.personalize.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;

/**
 * The configuration reference, as Markdown, generated from the ConfigDef: one table per group, in definition order.
 * {@code docs/connect-personalize-sink-config.md} is this text; a test fails when it is stale (see its doc comment
 * for the command that rewrites it).
 */
public final class ConfigDocs {

    private ConfigDocs() {
    }

    public static String markdown() {
        return markdown(PersonalizeSinkConfig.configDef());
    }

    static String markdown(ConfigDef def) {
        Map<String, List<ConfigKey>> groups = new LinkedHashMap<>();
        for (ConfigKey key : def.configKeys().values()) {
            groups.computeIfAbsent(key.group == null ? "Other" : key.group, g -> new ArrayList<>()).add(key);
        }
        StringBuilder sb = new StringBuilder()
                .append("# connect-personalize-sink configuration\n\n")
                .append("Generated from `PersonalizeSinkConfig` — do not edit; regenerate with\n")
                .append("`./mvnw -B -pl connect-personalize-sink -am verify -Dtest=ConfigDocsTest ")
                .append("-Dsurefire.failIfNoSpecifiedTests=false -Dlakeloop.docs.write=true`.\n\n")
                .append("Connector class: `io.lakeloop.connect.personalize.PersonalizeSinkConnector`. ")
                .append("Besides these keys the connector honours Connect's own `errors.tolerance` ")
                .append("(`none`: a bad record fails the task; `all`: it goes to the dead-letter topic with ")
                .append("`lakeloop.reason.code` / `lakeloop.reason.message` headers).\n");
        appendGroups(sb, groups);
        appendLegacyKeys(sb);
        return sb.toString();
    }

    private static void appendGroups(StringBuilder sb, Map<String, List<ConfigKey>> groups) {
        for (Map.Entry<String, List<ConfigKey>> group : groups.entrySet()) {
            sb.append("\n## ").append(group.getKey()).append("\n\n")
                    .append("| key | type | default | valid values | importance | description |\n")
                    .append("|---|---|---|---|---|---|\n");
            for (ConfigKey key : group.getValue()) {
                sb.append("| `").append(key.name).append("` | ").append(key.type.name().toLowerCase())
                        .append(" | ").append(defaultOf(key))
                        .append(" | ").append(key.validator == null ? "" : escape(key.validator.toString()))
                        .append(" | ").append(key.importance.name().toLowerCase())
                        .append(" | ").append(escape(key.documentation)).append(" |\n");
            }
        }
    }

    /** The migration table from aws/personalize-kafka-connector, with what changes in meaning. */
    private static void appendLegacyKeys(StringBuilder sb) {
        sb.append("\n## Keys of aws/personalize-kafka-connector (deprecated aliases)\n\n")
                .append("Its connector JSON runs here once `connector.class` is changed (and, for a local endpoint, ")
                .append("`aws.endpoint` added): each of its keys is read as the key below, with one WARN line at ")
                .append("start naming the replacement. A legacy key and its replacement set to different values is ")
                .append("an error. Rename them at your pace; watch the meaning changes.\n\n")
                .append("| aws/personalize-kafka-connector | here | what changes |\n|---|---|---|\n");
        for (LegacyKeys.Alias a : LegacyKeys.ALIASES) {
            sb.append("| `").append(a.legacy()).append("` | `").append(a.key()).append("` | ")
                    .append(escape(a.change())).append(" |\n");
        }
    }

    private static String defaultOf(ConfigKey key) {
        if (!key.hasDefault()) {
            return "(required)";
        }
        Object v = key.defaultValue;
        if (v == null) {
            return "null";
        }
        String s = v instanceof List<?> list ? String.join(",", list.stream().map(Object::toString).toList())
                : key.type == ConfigDef.Type.PASSWORD ? "[hidden]" : v.toString();
        return s.isEmpty() ? "\"\"" : "`" + escape(s) + "`";
    }

    private static String escape(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }
}
