package io.lakeloop.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/** The repository's deployment files, read as the tests need them (the tests run in {@code deploy/}). */
final class Repo {

    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final ObjectMapper JSON = new ObjectMapper();
    static final ObjectMapper YAML = YAMLMapper.builder(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Repo() {
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Properties properties(String relative) {
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(path(relative), StandardCharsets.UTF_8)) {
            p.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    static JsonNode yaml(String relative) {
        try {
            return YAML.readTree(path(relative).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(relative, e);
        }
    }

    /** Every YAML document of a file (a manifest may hold several, separated by ---). */
    static List<JsonNode> yamlDocuments(Path file) {
        try {
            List<JsonNode> docs = new ArrayList<>();
            YAML.readerFor(JsonNode.class).readValues(file.toFile()).forEachRemaining(d -> {
                if (d != null && !((JsonNode) d).isMissingNode() && !((JsonNode) d).isNull()) {
                    docs.add((JsonNode) d);
                }
            });
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    /** A connector's configuration from a JSON file: the REST API's {@code {"name", "config"}} or the bare map. */
    static Map<String, String> connectorConfig(Path file) {
        try {
            JsonNode tree = JSON.readTree(file.toFile());
            return flat(tree.has("config") ? tree.get("config") : tree);
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    static Map<String, String> flat(JsonNode object) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            map.put(e.getKey(), e.getValue().asText());
        }
        return map;
    }

    static List<Path> list(String folder, String suffix) {
        try (Stream<Path> files = Files.list(path(folder))) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
