package io.lakeloop.connect.personalize.config;

import io.lakeloop.config.ConfigMarkdown;
import org.apache.kafka.common.config.ConfigDef;

/**
 * The configuration reference, as Markdown, from core's one generator. {@code docs/connect-personalize-sink-config.md}
 * is this text; a test fails when it is stale (see its doc comment for the command that rewrites it).
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
                def);
    }
}
