package io.lakeloop.connect.s3.config;

import io.lakeloop.config.ConfigMarkdown;
import org.apache.kafka.common.config.ConfigDef;

/** The Markdown reference in {@code docs/connect-s3-sink-config.md}, from core's one generator. */
public final class ConfigDocs {

    private ConfigDocs() {
    }

    public static String markdown(ConfigDef def) {
        return ConfigMarkdown.document("connect-s3-sink configuration",
                "Generated from `S3SinkConfig.configDef()` by `ConfigDocsTest`; do not edit by hand "
                        + "(regenerate with `./mvnw -pl connect-s3-sink -am test -Dtest=ConfigDocsTest "
                        + "-Dsurefire.failIfNoSpecifiedTests=false -Dlakeloop.docs.write=true`).\n\n"
                        + "Connector class: `io.lakeloop.connect.s3.S3SinkConnector`. "
                        + "Connect's own sink keys (`topics`, `tasks.max`, `errors.*`, converters) apply as usual.",
                def);
    }
}
