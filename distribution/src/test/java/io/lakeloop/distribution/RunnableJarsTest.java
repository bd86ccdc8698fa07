package io.lakeloop.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The runnable (shaded) jars of the collator, the exporter and the emulator: each carries the project's LICENSE and
 * notices that name every jar merged into it (known by the {@code pom.properties} each one leaves under
 * {@code META-INF/maven/}), with the texts of the licenses other than Apache 2.0.
 */
class RunnableJarsTest {

    private static Archive jar(String module) throws IOException {
        Path jar = Reactor.ROOT.resolve(module).resolve("target").resolve(module + ".jar");
        assertThat(jar).as("built by the reactor's package phase").isRegularFile();
        return Archive.read(jar);
    }

    @ParameterizedTest
    @ValueSource(strings = {"streams-collator", "csv-exporter", "personalize-emulator"})
    void carriesTheLicenseAndNoticesNamingEveryMergedJar(String module) throws IOException {
        Archive jar = jar(module);
        assertThat(jar.text("META-INF/LICENSE")).isEqualTo(Files.readString(Reactor.ROOT.resolve("LICENSE")));
        List<ThirdPartyNotices.Entry> notices = ThirdPartyNotices.parse(jar.text("THIRD-PARTY.txt"));
        Set<String> listed = new HashSet<>();
        notices.forEach(e -> listed.add(e.coordinates()));
        List<String> merged = new ArrayList<>();
        for (String name : jar.names()) {
            if (name.startsWith("META-INF/maven/") && name.endsWith("/pom.properties")) {
                Properties pom = new Properties();
                pom.load(new StringReader(jar.text(name)));
                String coordinates = pom.getProperty("groupId") + ":" + pom.getProperty("artifactId") + ":"
                        + pom.getProperty("version");
                if (!coordinates.startsWith("io.lakeloop:")) {
                    merged.add(coordinates);
                }
            }
        }
        assertThat(merged).as("jars merged into " + module + ".jar").isNotEmpty();
        assertThat(merged).as("merged into " + module + ".jar but missing from its THIRD-PARTY.txt")
                .allMatch(listed::contains);
        for (ThirdPartyNotices.Entry e : notices) {
            if (!e.apache()) {
                assertThat(jar.text("META-INF/licenses/" + e.artifact() + ".txt")).as(e.coordinates()).isNotBlank();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"csv-exporter", "personalize-emulator"})
    void printsTheBuildVersion(String module) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path jar = Reactor.ROOT.resolve(module).resolve("target").resolve(module + ".jar");
        Process p = new ProcessBuilder(java.toString(), "-jar", jar.toString(), "--version").redirectErrorStream(true)
                .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).isEqualTo(module + " " + Reactor.VERSION);
    }
}
