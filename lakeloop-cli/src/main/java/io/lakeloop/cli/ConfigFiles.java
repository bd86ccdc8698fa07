package io.lakeloop.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** Reading templates and writing the generated config files of the stack (into the data folder's {@code conf/}). */
final class ConfigFiles {

    private ConfigFiles() {
    }

    /** The properties of {@code file}, or none when it does not exist. */
    static Map<String, String> readProperties(Path file) {
        Map<String, String> map = new TreeMap<>();
        if (!Files.isRegularFile(file)) {
            return map;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        properties.stringPropertyNames().forEach(key -> map.put(key, properties.getProperty(key)));
        return map;
    }

    static Path writeProperties(Path file, String comment, Map<String, String> values) {
        Properties properties = new Properties();
        properties.putAll(values);
        try {
            Files.createDirectories(file.getParent());
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                properties.store(writer, comment);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
        return file;
    }

    /** Copies a resource of the CLI jar to {@code file} (the log configuration every service process uses). */
    static Path writeResource(String resource, Path file) {
        try (InputStream in = ConfigFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + resource);
            }
            Files.createDirectories(file.getParent());
            Files.write(file, in.readAllBytes());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /** {@code conf/log4j2-service.properties}: INFO to stdout, which the supervisor sends to the service's log. */
    static Path serviceLogConfig(StackSettings settings) {
        return writeResource("/io/lakeloop/cli/log4j2-service.properties",
                settings.confDir().resolve("log4j2-service.properties"));
    }
}
