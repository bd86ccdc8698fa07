package io.lakeloop.connect.personalize.config;

import io.lakeloop.config.ConfigMarkdown;
import org.apache.kafka.common.config.ConfigDef;

/**
 * The configuration reference, as Markdown, from core's one generator, followed by the migration table of
 * {@link LegacyKeys}. {@code docs/connect-personalize-sink-config.md} is this text; a test fails when it is stale
 * (see its doc comment for the command that rewrites it).
 */
public final class ConfigDocs {

    private ConfigDocs() {
    }

    public static String markdown() {
        return markdown(PersonalizeSinkConfig.configDef());
    }

    static String markdown(ConfigDef def) {
        return ConfigMarkdown.document("connect-personalize-sink configuration",
                "Generated from `PersonalizeSinkConfig` — do not edit; regenerate with\n"
                        + "`./mvnw -B -pl connect-personalize-sink -am verify -Dtest=ConfigDocsTest "
                        + "-Dsurefire.failIfNoSpecifiedTests=false -Dlakeloop.docs.write=true`.\n\n"
                        + "Connector class: `io.lakeloop.connect.personalize.PersonalizeSinkConnector`. "
                        + "Besides these keys the connector honours Connect's own `errors.tolerance` "
                        + "(`none`: a bad record fails the task; `all`: it goes to the dead-letter topic with "
                        + "`lakeloop.reason.code` / `lakeloop.reason.message` headers).",
                def) + legacyKeys();
    }

    /** The migration table from aws/personalize-kafka-connector, with what changes in meaning. */
    private static String legacyKeys() {
        StringBuilder sb = new StringBuilder()
                .append("\n## Keys of aws/personalize-kafka-connector (deprecated aliases)\n\n")
                .append("Its connector JSON runs here once `connector.class` is changed (and, for a local endpoint, ")
                .append("`aws.endpoint` added): each of its keys is read as the key below, with one WARN line at ")
                .append("start naming the replacement. A legacy key and its replacement set to different values is ")
                .append("an error. Rename them at your pace; watch the meaning changes.\n\n")
                .append("| aws/personalize-kafka-connector | here | what changes |\n|---|---|---|\n");
        for (LegacyKeys.Alias a : LegacyKeys.ALIASES) {
            sb.append("| `").append(a.legacy()).append("` | `").append(a.key()).append("` | ")
                    .append(a.change().replace("|", "\\|")).append(" |\n");
        }
        return sb.toString();
    }
}
