package io.lakeloop.connect.personalize.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/connect-personalize-sink-config.md} must be what the ConfigDef generates. To regenerate it:
 * {@code ./mvnw -B -pl connect-personalize-sink -am verify -Dtest=ConfigDocsTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dlakeloop.docs.write=true}.
 */
class ConfigDocsTest {

    static final Path DOCS = Path.of("..", "docs", "connect-personalize-sink-config.md");

    @Test
    void docsAreNotStale() throws IOException {
        String generated = ConfigDocs.markdown();
        if (Boolean.getBoolean("lakeloop.docs.write")) {
            Files.writeString(DOCS, generated, StandardCharsets.UTF_8);
        }
        assertThat(DOCS).as("regenerate with -Dlakeloop.docs.write=true (see this test's doc comment)").exists();
        assertThat(Files.readString(DOCS, StandardCharsets.UTF_8)).as("docs/connect-personalize-sink-config.md is "
                + "stale: regenerate with -Dlakeloop.docs.write=true (see ConfigDocsTest)").isEqualTo(generated);
    }

    @Test
    void everyPublicKeyIsDocumented() {
        String generated = ConfigDocs.markdown();
        assertThat(generated).doesNotContain(PersonalizeSinkConfig.TASK_RATE_LIMIT_CONFIG);
        for (ConfigKey key : PersonalizeSinkConfig.CONFIG_DEF.configKeys().values()) {
            assertThat(generated).contains("| `" + key.name + "` |");
        }
    }
}
