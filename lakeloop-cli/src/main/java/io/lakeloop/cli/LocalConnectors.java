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

    /** On the local stack, S3 sinks commit their objects at least every 10 s, so the demo sees them quickly. */
    static final long LOCAL_ROTATE_INTERVAL_MS = 10_000;

    record Connector(String name, Map<String, String> config) {
    }

    private LocalConnectors() {
    }

    static List<Connector> load(StackSettings settings) {
        return load(settings.home().configDir(), ConnectorTarget.local(settings));
    }

    /** Every connector file in {@code dir}, pointed at {@code target}. */
    static List<Connector> load(Path dir, ConnectorTarget target) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return load(files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList(), target);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }

    /** The connectors among {@code files} (other JSON files are skipped), pointed at {@code target}. */
    static List<Connector> load(List<Path> files, ConnectorTarget target) {
        List<Connector> connectors = new ArrayList<>();
        for (Path file : files) {
            read(file).ifPresent(c -> connectors.add(new Connector(c.name(), localize(c.config(), target))));
        }
        return connectors;
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

    /**
     * With several workers, each connector on a topic of several partitions runs at least one task per worker (up to
     * the partition count), so that its work, and the Personalize quota its tasks share, is spread over the workers.
     */
    static List<Connector> spread(List<Connector> connectors, int workers) {
        List<Connector> spread = new ArrayList<>();
        for (Connector c : connectors) {
            int partitions = Topics.ALL.getOrDefault(c.config().getOrDefault("topics", ""), 1);
            int configured = Integer.parseInt(c.config().getOrDefault("tasks.max", "1").trim());
            int wanted = Math.max(configured, Math.min(workers, partitions));
            if (wanted == configured) {
                spread.add(c);
            } else {
                Map<String, String> config = new LinkedHashMap<>(c.config());
                config.put("tasks.max", String.valueOf(wanted));
                spread.add(new Connector(c.name(), config));
            }
        }
        return spread;
    }

    static Map<String, String> localize(Map<String, String> config, ConnectorTarget target) {
        Map<String, String> values = target.placeholders();
        Map<String, String> out = new LinkedHashMap<>();
        config.forEach((key, value) -> out.put(key, substitute(value, values)));
        String connectorClass = out.getOrDefault("connector.class", "").toLowerCase(Locale.ROOT);
        boolean personalize = connectorClass.contains("personalize");
        boolean s3 = connectorClass.contains(".s3.") || connectorClass.contains("s3sink");
        if (target.region() != null) {
            if (s3) {
                out.remove("s3.region"); // the Confluent S3 sink's name for it (an alias here)
            }
            out.put("aws.region", target.region());
        }
        if (target.accessKey() != null) {
            out.put("aws.credentials.provider", "static");
            out.put("aws.access.key.id", target.accessKey());
            out.put("aws.secret.access.key", target.secretKey());
        }
        if (personalize) {
            putIfSet(out, "aws.endpoint", target.personalizeEndpoint());
        } else if (s3) {
            if (target.s3Endpoint() != null) {
                // a Confluent S3 sink config's names for the same two keys: the target's values replace them, where
                // leaving them would make the connector refuse an alias that disagrees with its key
                out.remove("store.url");
                out.remove("s3.path.style.access.enabled");
                out.put("aws.endpoint", target.s3Endpoint());
                out.put("s3.path.style.access", "true");
            }
            if (target.rotateIntervalMs() != null) {
                out.put("rotate.schedule.interval.ms", String.valueOf(target.rotateIntervalMs()));
            }
        }
        if (out.containsKey("errors.deadletterqueue.topic.name") && target.dlqReplication() != null) {
            out.put("errors.deadletterqueue.topic.replication.factor", String.valueOf(target.dlqReplication()));
        }
        out.putAll(target.overrides());
        return out;
    }

    private static void putIfSet(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    static String substitute(String value, Map<String, String> values) {
        String result = value;
        for (Map.Entry<String, String> e : values.entrySet()) {
            result = result.replace("${" + e.getKey() + "}", e.getValue());
        }
        return result;
    }
}
