package io.lakeloop.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both Connect plugin zips as the reactor built them, against the Confluent Hub component archive spec
 * ({@code <owner>-<name>-<version>.zip} holding {@code <owner>-<name>-<version>/} with {@code manifest.json},
 * {@code lib/}, {@code doc/}, {@code etc/}) and what a user or a reviewer needs: the license, notices that list every
 * bundled jar, examples without secrets, and documentation whose links work where it is read.
 */
class PluginZipsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
    private static final Pattern URL = Pattern.compile("https?://[^\\s)`>\"]+");
    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(secret|password|token|access\\.key|credential\\.key).*");
    private static final Pattern PROVIDER_REFERENCE = Pattern.compile("\\$\\{[A-Za-z0-9_.-]+:[^}]+}");
    private static final Pattern AWS_KEY_ID = Pattern.compile("(AKIA|ASIA)[0-9A-Z]{16}");

    static Stream<String> plugins() {
        return Stream.of("connect-s3-sink", "connect-personalize-sink");
    }

    private static String base(String plugin) {
        return "lakeloop-" + plugin + "-" + Reactor.VERSION + "/";
    }

    private static Archive zip(String plugin) throws IOException {
        Path zip = Reactor.ROOT.resolve(plugin).resolve("target").resolve("lakeloop-" + plugin + "-" + Reactor.VERSION + ".zip");
        assertThat(zip).as("built by the reactor's package phase").isRegularFile();
        return Archive.read(zip);
    }

    private static JsonNode manifest(String plugin) throws IOException {
        return JSON.readTree(zip(plugin).text(base(plugin) + "manifest.json"));
    }

    @ParameterizedTest
    @MethodSource("plugins")
    void theArchiveIsNamedAfterItsManifestAndHasTheHubLayout(String plugin) throws IOException {
        Archive zip = zip(plugin);
        String base = base(plugin);
        assertThat(zip.names()).allMatch(n -> n.startsWith(base));
        assertThat(List.of("manifest.json", "lib", "doc", "etc")).allMatch(n -> zip.contains(base + n));
        JsonNode manifest = JSON.readTree(zip.text(base + "manifest.json"));
        assertThat(manifest.path("owner").path("username").asText() + "-" + manifest.path("name").asText() + "-"
                + manifest.path("version").asText() + "/").isEqualTo(base);
        assertThat(manifest.path("name").asText()).isEqualTo(plugin);
        assertThat(manifest.path("version").asText()).isEqualTo(Reactor.VERSION);
    }

    @ParameterizedTest
    @MethodSource("plugins")
    void theManifestHasEveryFieldOfTheHubSpec(String plugin) throws IOException {
        String text = zip(plugin).text(base(plugin) + "manifest.json");
        assertThat(text).as("every ${…} filtered by the build").doesNotContain("${");
        JsonNode m = JSON.readTree(text);
        for (String field : List.of("title", "description")) {
            assertThat(m.path(field).asText()).as(field).isNotBlank();
        }
        assertThat(m.path("component_types")).hasSize(1);
        assertThat(m.path("component_types").get(0).asText()).isEqualTo("sink");
        assertThat(m.path("owner").path("name").asText()).isNotBlank();
        assertThat(m.path("owner").path("type").asText()).isIn("user", "organization");
        assertThat(m.path("support").path("provider_name").asText()).isNotBlank();
        assertThat(m.path("support").path("summary").asText()).isNotBlank();
        for (JsonNode url : List.of(m.path("owner").path("url"), m.path("support").path("url"),
                m.path("documentation_url"), m.path("source_url"), m.path("license").path(0).path("url"))) {
            assertAbsolute(url.asText());
        }
        assertThat(m.path("license").path(0).path("name").asText()).isEqualTo("Apache License 2.0");
        LocalDate released = LocalDate.parse(m.path("release_date").asText());
        assertThat(released).isBeforeOrEqualTo(LocalDate.now().plusDays(1)).isAfter(LocalDate.of(2025, 1, 1));
        JsonNode features = m.path("features");
        assertThat(features.path("supported_encodings")).isNotEmpty();
        assertThat(features.path("single_message_transforms").isBoolean()).isTrue();
        assertThat(features.path("confluent_control_center_integration").isBoolean()).isTrue();
        assertThat(features.path("kafka_connect_api").asBoolean()).isTrue();
        assertThat(features.path("delivery_guarantee")).isNotEmpty()
                .allMatch(g -> Set.of("at_least_once", "exactly_once").contains(g.asText()));
        assertThat(m.path("requirements")).isNotEmpty();
        assertThat(m.path("tags")).isNotEmpty();
    }

    @Test
    void bothPluginsDescribeTheirFeaturesAlike() throws IOException {
        JsonNode s3 = manifest("connect-s3-sink").path("features");
        JsonNode personalize = manifest("connect-personalize-sink").path("features");
        for (String field : List.of("confluent_control_center_integration", "single_message_transforms",
                "kafka_connect_api", "supported_encodings")) {
            assertThat(s3.path(field)).as(field).isEqualTo(personalize.path(field));
        }
        assertThat(manifest("connect-s3-sink").path("owner")).isEqualTo(manifest("connect-personalize-sink").path("owner"));
    }

    @ParameterizedTest
    @MethodSource("plugins")
    void theLicenseAndNoticesCoverEveryBundledJar(String plugin) throws IOException {
        Archive zip = zip(plugin);
        String doc = base(plugin) + "doc/";
        assertThat(zip.text(doc + "LICENSE")).isEqualTo(Files.readString(Reactor.ROOT.resolve("LICENSE")));
        List<ThirdPartyNotices.Entry> notices = ThirdPartyNotices.parse(zip.text(doc + "THIRD-PARTY.txt"));
        Set<String> listed = new HashSet<>();
        notices.forEach(e -> listed.add(e.artifact() + "-" + e.version() + ".jar"));
        listed.add(plugin + "-" + Reactor.VERSION + ".jar");
        String lib = base(plugin) + "lib/";
        List<String> bundled = zip.files(lib, ".jar").stream().map(n -> n.substring(lib.length())).toList();
        assertThat(bundled).as("lib/ of " + plugin + " against doc/THIRD-PARTY.txt")
                .containsExactlyInAnyOrderElementsOf(listed);
        for (ThirdPartyNotices.Entry e : notices) {
            if (!e.apache()) {
                assertThat(zip.text(doc + "licenses/" + e.artifact() + ".txt")).as(e.coordinates() + " " + e.licenses())
                        .isNotBlank();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("plugins")
    void theExampleConfigsHoldNoSecretsAndNoLocalEndpoints(String plugin) throws IOException {
        Archive zip = zip(plugin);
        List<String> examples = zip.files(base(plugin) + "etc/", ".json");
        assertThat(examples).isNotEmpty();
        for (String example : examples) {
            JsonNode tree = JSON.readTree(zip.text(example));
            JsonNode config = tree.has("config") ? tree.get("config") : tree;
            assertThat(config.path("connector.class").asText()).as(example).startsWith("io.lakeloop.connect.");
            for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) config::fields) {
                String key = e.getKey();
                String value = e.getValue().asText();
                if (SECRET_KEY.matcher(key).matches()) {
                    assertThat(value.isEmpty() || PROVIDER_REFERENCE.matcher(value).matches())
                            .as(example + ": " + key + " is a literal secret").isTrue();
                }
                assertThat(AWS_KEY_ID.matcher(value).find()).as(example + ": " + key + " holds an AWS key id").isFalse();
                assertThat(value).as(example + ": " + key).doesNotContain("127.0.0.1").doesNotContain("localhost")
                        .doesNotContain("lakeloop-secret");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("plugins")
    void everyLinkInTheDocsResolvesWhereTheyAreRead(String plugin) throws IOException {
        Archive zip = zip(plugin);
        String doc = base(plugin) + "doc/";
        List<String> pages = zip.files(doc, ".md");
        assertThat(pages).contains(doc + "README.md");
        List<String> checked = new ArrayList<>();
        for (String page : pages) {
            String text = zip.text(page);
            assertThat(text).as(page + ": every ${…} filtered by the build").doesNotContain("${lakeloop");
            Matcher link = MARKDOWN_LINK.matcher(text);
            while (link.find()) {
                String target = link.group(1);
                if (target.startsWith("#") || URI.create(target).isAbsolute()) {
                    continue;
                }
                String path = target.replaceFirst("#.*$", "");
                String resolved = URI.create(page).resolve(path).normalize().toString();
                assertThat(resolved.startsWith(base(plugin)) && zip.contains(resolved))
                        .as(page + " links to " + target + ", which is not in the archive").isTrue();
                checked.add(target);
            }
            Matcher url = URL.matcher(text);
            while (url.find()) {
                assertIntoRepositoryExists(url.group().replaceFirst("[.,;:]+$", ""));
            }
        }
        assertThat(checked).as("the archive's README links to its own files").isNotEmpty();
    }

    /** An https URL; one into this repository ({@code …/blob/main/<path>}) must name a file that exists. */
    static void assertAbsolute(String url) {
        assertThat(url).startsWith("https://");
        assertIntoRepositoryExists(url);
    }

    private static void assertIntoRepositoryExists(String url) {
        assertThat(url).doesNotContain("${");
        String repo = Reactor.SOURCE_URL + "/blob/main/";
        if (url.startsWith(repo)) {
            assertThat(Reactor.ROOT.resolve(url.substring(repo.length()).replaceFirst("[#?].*$", ""))).as(url).exists();
        }
    }
}
