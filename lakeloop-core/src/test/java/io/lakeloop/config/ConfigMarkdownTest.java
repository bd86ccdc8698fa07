package io.lakeloop.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeloop.aws.AwsConfigDef;
import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.CaseInsensitiveValidString;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.junit.jupiter.api.Test;

class ConfigMarkdownTest {

    private static ConfigDef def() {
        return new ConfigDef()
                .define("b.second", Type.INT, 5, Range.between(1, 10), Importance.LOW, "Second in B.",
                        "Group B", 2, Width.SHORT, "Second")
                .define("a.only", Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH, "Required | piped\nline.",
                        "Group A", 0, Width.LONG, "Only")
                .define("b.first", Type.LIST, List.of("x", "y"), Importance.MEDIUM, "First in B.",
                        "Group B", 1, Width.LONG, "First")
                .define("b.secret", Type.PASSWORD, "s3cr3t", Importance.MEDIUM, "A secret.",
                        "Group B", 3, Width.LONG, "Secret")
                .define("b.mode", Type.STRING, "lazy", CaseInsensitiveValidString.in("ZETA", "lazy", "Alpha"),
                        Importance.LOW, "A mode.", "Group B", 4, Width.SHORT, "Mode")
                .define("b.empty", Type.STRING, "", Importance.LOW, "Empty default.", "Group B", 5, Width.SHORT, "E")
                .define("b.none", Type.STRING, null, Importance.LOW, "Null default.", "Group B", 6, Width.SHORT, "N")
                .define("loose", Type.BOOLEAN, true, Importance.LOW, "No group.");
    }

    @Test
    void groupsInDefinitionOrderKeysInGroupOrder() {
        String md = ConfigMarkdown.tables(def(), 3);
        assertThat(md).startsWith("### Group B\n\n" + ConfigMarkdown.HEADER + "| `b.first` |");
        assertThat(md.indexOf("`b.first`")).isLessThan(md.indexOf("`b.second`"));
        assertThat(md.indexOf("`b.second`")).isLessThan(md.indexOf("`b.secret`"));
        assertThat(md.indexOf("### Group B")).isLessThan(md.indexOf("### Group A"));
        assertThat(md.indexOf("### Group A")).isLessThan(md.indexOf("### Other"));
        assertThat(md).contains("\n\n### Group A\n\n");
    }

    @Test
    void everyColumnIsRendered() {
        String md = ConfigMarkdown.tables(def(), 2);
        assertThat(md).contains("| `a.only` | string | (required) |  | high | Required \\| piped line. |\n")
                .contains("| `b.first` | list | `x,y` |  | medium | First in B. |\n")
                .contains("| `b.second` | int | `5` | [1,...,10] | low | Second in B. |\n")
                .contains("| `b.mode` | string | `lazy` | alpha, lazy, zeta (case-insensitive) | low | A mode. |\n")
                .contains("| `b.empty` | string | \"\" |  | low | Empty default. |\n")
                .contains("| `b.none` | string | (none) |  | low | Null default. |\n")
                .contains("| `loose` | boolean | `true` |  | low | No group. |\n");
    }

    @Test
    void secretsAreMarkedAndTheirDefaultsNeverShown() {
        String md = ConfigMarkdown.tables(def(), 2);
        assertThat(md).contains("| `b.secret` | password (secret) | (hidden) |").doesNotContain("s3cr3t");
        String aws = ConfigMarkdown.tables(AwsConfigDef.define(new ConfigDef()), 2);
        assertThat(aws).contains("| `" + AwsConfigDef.SECRET_KEY_CONFIG + "` | password (secret) |");
    }

    @Test
    void aDocumentHasATitleAnIntroductionAndSecondLevelGroups() {
        String md = ConfigMarkdown.document("x configuration", "Intro.\n", def());
        assertThat(md).startsWith("# x configuration\n\nIntro.\n\n## Group B\n\n");
        assertThatThrownBy(() -> ConfigMarkdown.tables(def(), 7)).isInstanceOf(IllegalArgumentException.class);
    }
}
