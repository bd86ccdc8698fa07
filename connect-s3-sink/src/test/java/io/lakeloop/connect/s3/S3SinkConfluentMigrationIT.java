package io.lakeloop.connect.s3;

import static io.lakeloop.connect.s3.ItSupport.linesSoFar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakeloop.event.RecordValues;
import io.lakeloop.testkit.ConnectClusterExtension;
import io.lakeloop.testkit.S3ProxyExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The migration example of {@code docs/connect-s3-sink-migration.md}, run as printed there: the Confluent S3 sink
 * connector JSON (Confluent key names) on a real Connect worker, against s3proxy, must write exactly the objects and
 * lines the document shows. Only the local stack's endpoint and keys are swapped for this test's s3proxy (its port is
 * random); no key is renamed.
 */
class S3SinkConfluentMigrationIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Path DOC = Path.of("..", "docs", "connect-s3-sink-migration.md");
    private static final String CONFIG_MARKER = "<!-- migration-example:config -->";
    private static final String RESULT_MARKER = "<!-- migration-example:result -->";

    @RegisterExtension
    static final S3ProxyExtension S3 = S3ProxyExtension.create();

    @RegisterExtension
    static final ConnectClusterExtension CONNECT = ConnectClusterExtension.create();

    @Test
    void theDocumentedConfluentConfigRunsAndWritesExactlyTheDocumentedObjects() throws Exception {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        JsonNode connector = RecordValues.JSON.readTree(block(doc, CONFIG_MARKER));
        String name = connector.path("name").asText();
        Map<String, String> config = new LinkedHashMap<>();
        connector.path("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
        assertThat(config).as("the example uses the Confluent names").containsKeys("s3.bucket.name", "s3.region",
                "store.url", "flush.size", "format.class", "s3.compression.type", "timestamp.extractor", "timezone");
        config.put("store.url", S3.endpoint().toString());
        config.put("aws.access.key.id", S3.accessKey());
        config.put("aws.secret.access.key", S3.secretKey());
        Map<String, List<JsonNode>> expected = expectedObjects(block(doc, RESULT_MARKER));

        String topic = config.get("topics");
        // the records are dated March 2026: the testkit broker keeps records of any age (log.retention.ms=-1)
        CONNECT.kafka().createTopic(topic, 2);
        for (int i = 0; i < 12; i++) { // as the document says: 12 orders, partition i % 2, hours 10 and 11
            long ts = Instant.parse(i < 6 ? "2026-03-07T10:15:00Z" : "2026-03-07T11:15:00Z").toEpochMilli() + i;
            String value = "{\"order_id\":\"o" + i + "\",\"customer\":\"c" + (i % 3) + "\",\"amount\":" + i + ".5}";
            CONNECT.kafka().producer().send(new ProducerRecord<>(topic, i % 2, ts, "o" + i, value)).get();
        }
        CONNECT.configureConnector(name, config);
        CONNECT.awaitConnectorRunning(name, 1);

        String bucket = config.get("s3.bucket.name");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(linesSoFar(S3, bucket, "raw/")).hasSize(12));
        assertThat(S3.listKeys(bucket, "raw/")).as("the documented keys").containsExactlyInAnyOrderElementsOf(
                expected.keySet());
        assertThat(S3.listKeys(bucket, "")).as("besides them, the state object of each partition only")
                .hasSize(expected.size() + 2).filteredOn(k -> !k.startsWith("raw/"))
                .allMatch(k -> k.startsWith("_lakeloop/s3-sink-state/" + name + "/"));
        for (Map.Entry<String, List<JsonNode>> object : expected.entrySet()) {
            List<JsonNode> written = new ArrayList<>();
            for (String line : S3.readObject(bucket, object.getKey()).split("\n")) {
                written.add(RecordValues.JSON.readTree(line));
            }
            assertThat(written).as(object.getKey()).containsExactlyElementsOf(object.getValue());
        }
        CONNECT.deleteConnector(name);
    }

    /** The fenced block that follows {@code marker}. */
    private static String block(String doc, String marker) {
        int at = doc.indexOf(marker);
        assertThat(at).as(marker + " in " + DOC).isNotNegative();
        int open = doc.indexOf("```", at);
        int start = doc.indexOf('\n', open) + 1;
        return doc.substring(start, doc.indexOf("```", start));
    }

    /** Object key (unindented line) → its lines (indented JSON), as the document lists them. */
    private static Map<String, List<JsonNode>> expectedObjects(String block) throws Exception {
        Map<String, List<JsonNode>> objects = new TreeMap<>();
        String key = null;
        for (String line : block.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (!line.startsWith(" ")) {
                key = line.strip();
                objects.put(key, new ArrayList<>());
            } else {
                objects.get(key).add(RecordValues.JSON.readTree(line.strip()));
            }
        }
        return objects;
    }
}
