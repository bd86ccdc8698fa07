package io.lakeloop.streams.collator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/streams-collator.md carries the configuration reference generated from the ConfigDef, between two markers.
 * When a key changes, regenerate it: {@code ./mvnw -pl streams-collator -am test -Dtest=ConfigDocsTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dlakeloop.docs.regenerate=true}.
 */
class ConfigDocsTest {

    static final Path DOC = Path.of("..", "docs", "streams-collator.md");
    static final String BEGIN = "<!-- BEGIN GENERATED CONFIG (ConfigDocsTest) -->\n";
    static final String END = "<!-- END GENERATED CONFIG -->";

    @Test
    void docsCarryTheGeneratedConfigReference() throws Exception {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        assertThat(begin).as("begin marker in " + DOC).isNotNegative();
        assertThat(end).as("end marker in " + DOC).isGreaterThan(begin);
        String generated = ConfigDocs.markdown();
        if (Boolean.getBoolean("lakeloop.docs.regenerate")) {
            doc = doc.substring(0, begin + BEGIN.length()) + generated + doc.substring(end);
            Files.writeString(DOC, doc, StandardCharsets.UTF_8);
            end = doc.indexOf(END);
        }
        assertThat(doc.substring(begin + BEGIN.length(), end))
                .as("docs/streams-collator.md is stale: regenerate it (see this test's javadoc)")
                .isEqualTo(generated);
        for (String key : CollatorConfig.CONFIG_DEF.names()) {
            assertThat(generated).contains("`" + key + "`");
        }
    }
}
