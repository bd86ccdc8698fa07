package io.lakeloop.connect.s3.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

class ConfigDocsTest {

    private static final Path DOC = Path.of("..", "docs", "connect-s3-sink-config.md");

    @Test
    void everyKeyHasADocAGroupAndADisplayName() {
        for (ConfigDef.ConfigKey k : S3SinkConfig.configDef().configKeys().values()) {
            assertThat(k.documentation).as(k.name).isNotBlank();
            assertThat(k.group).as(k.name).isNotBlank();
            assertThat(k.displayName).as(k.name).isNotBlank().isNotEqualTo(k.name);
        }
    }

    @Test
    void theCommittedReferenceIsGeneratedFromTheCurrentConfigDef() throws IOException {
        String generated = ConfigDocs.markdown(S3SinkConfig.configDef());
        if (Boolean.getBoolean("lakeloop.docs.write")) {
            Files.writeString(DOC, generated, StandardCharsets.UTF_8);
        }
        assertThat(DOC).as("docs/connect-s3-sink-config.md exists (regenerate: -Dlakeloop.docs.write=true)").exists();
        assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
                .as("docs/connect-s3-sink-config.md is stale: regenerate with -Dlakeloop.docs.write=true")
                .isEqualTo(generated);
    }
}
