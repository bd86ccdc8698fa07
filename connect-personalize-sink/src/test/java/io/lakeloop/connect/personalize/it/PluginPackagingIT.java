package io.lakeloop.connect.personalize.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakeloop.connect.personalize.PersonalizeSinkConnector;
import io.lakeloop.connect.personalize.Version;
import io.lakeloop.event.RecordValues;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.kafka.connect.runtime.isolation.PluginDesc;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.sink.SinkConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin zip as a user installs it: unzipped into a {@code plugin.path} directory, Connect's own plugin scanner
 * ({@code plugin.discovery=service_load}) finds the connector there and loads it, with every dependency, in the
 * plugin's isolated class loader.
 */
class PluginPackagingIT {

    @TempDir
    Path pluginPath;

    @Test
    void theZipLoadsFromPluginPathInItsOwnClassLoader() throws Exception {
        Path zip = Path.of("target", "lakeloop-connect-personalize-sink-" + Version.get() + ".zip");
        assertThat(zip).exists();
        unzip(zip, pluginPath);
        Path root = pluginPath.resolve("lakeloop-connect-personalize-sink-" + Version.get());
        assertThat(root.resolve("doc/connect-personalize-sink-config.md")).exists();
        assertThat(root.resolve("etc/personalize-events-sink.json")).exists();
        try (var jars = Files.list(root.resolve("lib"))) {
            assertThat(jars.map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.startsWith("connect-personalize-sink-"))
                    .anyMatch(n -> n.startsWith("personalizeevents-"))
                    .noneMatch(n -> n.startsWith("kafka") || n.startsWith("connect-api") || n.startsWith("slf4j"))
                    .as("one HTTP client in the plugin").noneMatch(n -> n.startsWith("url-connection-client"))
                    .anyMatch(n -> n.startsWith("apache-client"));
        }
        JsonNode manifest = RecordValues.JSON.readTree(root.resolve("manifest.json").toFile());
        assertThat(manifest.path("version").asText()).isEqualTo(Version.get());
        assertThat(manifest.path("component_types").get(0).asText()).isEqualTo("sink");
        assertThat(manifest.path("owner").path("username").asText()).isNotBlank();

        Plugins plugins = new Plugins(Map.of("plugin.path", pluginPath.toString(), "plugin.discovery", "service_load"));

        PluginDesc<SinkConnector> desc = plugins.sinkConnectors().stream()
                .filter(d -> d.pluginClass().getName().equals(PersonalizeSinkConnector.class.getName()))
                .filter(d -> d.location().contains(root.getFileName().toString()))
                .findFirst().orElseThrow(() -> new AssertionError("not found on plugin.path: " + plugins.sinkConnectors()));
        assertThat(desc.version()).isEqualTo(Version.get());
        assertThat(desc.loader()).isNotSameAs(PersonalizeSinkConnector.class.getClassLoader());
        SinkConnector connector = desc.pluginClass().getDeclaredConstructor().newInstance();
        assertThat(connector.config().configKeys()).containsKeys("personalize.data.type", "aws.region");
        Class<?> client = desc.loader().loadClass("software.amazon.awssdk.services.personalizeevents.PersonalizeEventsClient");
        assertThat(client.getClassLoader()).isSameAs(desc.loader());
        Class<?> http = desc.loader().loadClass("software.amazon.awssdk.http.apache.ApacheHttpClient");
        assertThat(http.getClassLoader()).isSameAs(desc.loader());
        try {
            // absent from the plugin: if this JVM's own class path has it, it comes from there, never from the zip
            assertThat(desc.loader().loadClass("software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient")
                    .getClassLoader()).isNotSameAs(desc.loader());
        } catch (ClassNotFoundException expected) {
            // the same conclusion: the plugin does not bundle it
        }
        buildsTheClientsInsideThePlugin(desc.loader());
    }

    /**
     * The Personalize client and, for an assumed role, the STS client, built in the plugin's own class loader: with
     * only the Apache client bundled, nothing on this path may reach for the URL-connection client.
     */
    private static void buildsTheClientsInsideThePlugin(ClassLoader plugin) throws Exception {
        Class<?> settingsClass = plugin.loadClass("io.lakeloop.aws.AwsSettings");
        Class<?> modeClass = plugin.loadClass("io.lakeloop.aws.CredentialsMode");
        Object staticMode = modeClass.getField("STATIC").get(null);
        Object settings = settingsClass.getConstructors()[0].newInstance("us-east-1", URI.create("http://127.0.0.1:9"),
                staticMode, "AKID", "secret", null, null, "arn:aws:iam::123456789012:role/r", null, null,
                Duration.ofSeconds(1), Duration.ofSeconds(1));
        Class<?> factory = plugin.loadClass("io.lakeloop.connect.personalize.client.ClientFactory");
        try (AutoCloseable clients = (AutoCloseable) factory.getMethod("create", settingsClass, int.class)
                .invoke(null, settings, 4)) {
            assertThat(clients.getClass().getClassLoader()).isSameAs(plugin);
        }
    }

    private static void unzip(Path zip, Path into) throws IOException {
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = z.getNextEntry()) != null) {
                Path target = into.resolve(e.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("zip entry outside the target: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(z, target);
                }
            }
        }
    }
}
