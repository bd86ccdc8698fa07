package io.lakeloop.streams.collator;

import io.lakeloop.config.ConfigMarkdown;

/** The configuration reference in docs/streams-collator.md, from {@link CollatorConfig#CONFIG_DEF} by core's generator. */
public final class ConfigDocs {

    private ConfigDocs() {
    }

    public static String markdown() {
        return ConfigMarkdown.tables(CollatorConfig.CONFIG_DEF, 4);
    }
}
