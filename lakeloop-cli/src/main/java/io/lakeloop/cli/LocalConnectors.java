package io.lakeloop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakeloop.event.RecordValues;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The connectors {@code up} deploys: every {@code config/*.json} that holds a connector configuration (the format of
 * the REST API: {@code {"name": …, "config": {…}}} or the bare config map), made to point at the local stack:
 * {@code ${LAKELOOP_*}} placeholders are replaced, AWS clients get the local endpoint and static keys (path-style
 * for S3), S3 sinks commit their objects every 10 s, and dead-letter topics get replication factor 1.
 */
final class LocalConnectors {

    static final long LOCAL_ROTATE_INTERVAL_MS = 10_000;

    record Connector(String name, Map<String, String> config) {
    }

    private LocalConnectors() {
    }

    static List<Connector> load(StackSettings settings) {
        Path dir = settings.home().configDir();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Connector> connectors = new ArrayList<>();
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                read(file).ifPresent(c -> connectors.add(new Connector(c.name(), localize(c.config(), settings))));
            }
            return connectors;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }

    static java.util.Optional<Connector> read(Path file) {
        JsonNode tree;
        try {
            tree = RecordValues.JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new StackException("Cannot read the connector config " + file + ": " + e.getMessage(), e);
        }
        JsonNode config = tree.has("config") ? tree.get("config") : tree;
        if (!config.isObject() || !config.has("connector.class")) {
            return java.util.Optional.empty();
        }
        String fallback = file.getFileName().toString().replaceFirst("\\.json$", "");
        String name = tree.path("name").asText(config.path("name").asText(fallback));
        Map<String, String> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            map.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString());
        }
        map.remove("name");
        return java.util.Optional.of(new Connector(name, map));
    }

    static Map<String, String> placeholders(StackSettings settings) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("LAKELOOP_KAFKA_BOOTSTRAP", settings.kafkaBootstrap());
        values.put("LAKELOOP_S3_ENDPOINT", settings.s3Endpoint());
        values.put("LAKELOOP_PERSONALIZE_ENDPOINT", settings.emulatorUrl());
        values.put("LAKELOOP_AWS_REGION", settings.s3().region());
        values.put("LAKELOOP_AWS_ACCESS_KEY_ID", settings.s3().accessKey());
        values.put("LAKELOOP_AWS_SECRET_ACCESS_KEY", settings.s3().secretKey());
        values.put("LAKELOOP_UPSTREAM_BUCKET", S3ProxyProcess.UPSTREAM_BUCKET);
        values.put("LAKELOOP_LAKE_BUCKET", S3ProxyProcess.LAKE_BUCKET);
        values.put("LAKELOOP_DOWNSTREAM_BUCKET", S3ProxyProcess.DOWNSTREAM_BUCKET);
        return values;
    }

    static Map<String, String> localize(Map<String, String> config, StackSettings settings) {
        Map<String, String> values = placeholders(settings);
        Map<String, String> out = new LinkedHashMap<>();
        config.forEach((key, value) -> out.put(key, substitute(value, values)));
        String connectorClass = out.get("connector.class").toLowerCase(Locale.ROOT);
        out.put("aws.region", settings.s3().region());
        out.put("aws.credentials.provider", "static");
        out.put("aws.access.key.id", settings.s3().accessKey());
        out.put("aws.secret.access.key", settings.s3().secretKey());
        if (connectorClass.contains("personalize")) {
            out.put("aws.endpoint", settings.emulatorUrl());
        } else if (connectorClass.contains(".s3.") || connectorClass.contains("s3sink")) {
            out.put("aws.endpoint", settings.s3Endpoint());
            out.put("s3.path.style.access", "true");
            // objects are committed at least every 10 s, so what flows through shows up in the buckets quickly
            out.put("rotate.schedule.interval.ms", String.valueOf(LOCAL_ROTATE_INTERVAL_MS));
        }
        if (out.containsKey("errors.deadletterqueue.topic.name")) {
            out.put("errors.deadletterqueue.topic.replication.factor", "1");
        }
        return out;
    }

    static String substitute(String value, Map<String, String> values) {
        String result = value;
        for (Map.Entry<String, String> e : values.entrySet()) {
            result = result.replace("${" + e.getKey() + "}", e.getValue());
        }
        return result;
    }
}
