package io.lakeloop.connect.s3;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakeloop.event.RecordValues;
import io.lakeloop.lake.LakeRow;
import io.lakeloop.testkit.ConnectClusterExtension;
import io.lakeloop.testkit.S3ProxyExtension;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** Connector configs and S3 readers shared by the integration tests. */
final class ItSupport {

    private ItSupport() {
    }

    /** A sink config pointing at the test's s3proxy, with a dead-letter topic. */
    static Map<String, String> sinkConfig(S3ProxyExtension s3, String topics, String bucket, String... keyValues) {
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", S3SinkConnector.class.getName());
        c.put("topics", topics);
        c.put("tasks.max", "1");
        c.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        c.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        c.put("s3.bucket", bucket);
        c.put("s3.key.prefix", "crm/dashboard_interaction/latest/");
        c.put("s3.path.style.access", "true");
        c.put("aws.endpoint", s3.endpoint().toString());
        c.put("aws.region", s3.region());
        c.put("aws.credentials.provider", "static");
        c.put("aws.access.key.id", s3.accessKey());
        c.put("aws.secret.access.key", s3.secretKey());
        c.put("s3.retry.backoff.ms", "500");
        c.put("s3.retry.backoff.max.ms", "4000");
        c.put("errors.tolerance", "all");
        c.put("errors.deadletterqueue.topic.name", topics + ".dlq");
        c.put("errors.deadletterqueue.topic.replication.factor", "1");
        c.put("errors.deadletterqueue.context.headers.enable", "true");
        for (int i = 0; i < keyValues.length; i += 2) {
            c.put(keyValues[i], keyValues[i + 1]);
        }
        return c;
    }

    /**
     * A connector config as deployed ({@code config/<file>} of the repository), pointed at the test's s3proxy, with
     * {@code overrides} applied; its name is put under {@code name}.
     */
    static Map<String, String> deployedConfig(String file, S3ProxyExtension s3, String... overrides) throws Exception {
        JsonNode json = RecordValues.JSON.readTree(Path.of("..", "config", file).toFile());
        Map<String, String> c = new HashMap<>();
        json.path("config").fields().forEachRemaining(e -> c.put(e.getKey(), e.getValue().asText()));
        c.put("name", json.path("name").asText());
        c.put("aws.endpoint", s3.endpoint().toString());
        c.put("aws.region", s3.region());
        c.put("aws.credentials.provider", "static");
        c.put("aws.access.key.id", s3.accessKey());
        c.put("aws.secret.access.key", s3.secretKey());
        c.put("s3.path.style.access", "true");
        for (int i = 0; i < overrides.length; i += 2) {
            c.put(overrides[i], overrides[i + 1]);
        }
        return c;
    }

    /** The lake rows of every CSV object under {@code prefix} (headers skipped), in timestamp order. */
    static List<LakeRow> lakeRows(S3ProxyExtension s3, String bucket, String prefix) throws IOException {
        List<LakeRow> out = new ArrayList<>();
        for (String key : s3.listKeys(bucket, prefix)) {
            List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(new StringReader(s3.readObject(bucket, key))).getRecords();
            for (CSVRecord r : records) {
                out.add(LakeRow.fromMap(r.toMap()));
            }
        }
        out.sort((a, b) -> Long.compare(a.timestamp(), b.timestamp()));
        return out;
    }

    /** Every line of every object under {@code prefix}, gunzipped; CSV headers not removed. */
    static List<String> lines(S3ProxyExtension s3, String bucket, String prefix) {
        List<String> out = new ArrayList<>();
        for (String key : s3.listKeys(bucket, prefix)) {
            for (String line : s3.readObject(bucket, key).split("\r?\n")) {
                if (!line.isEmpty()) {
                    out.add(line);
                }
            }
        }
        return out;
    }

    /**
     * As {@link #lines}, for polling while the connector writes: s3proxy may list a key whose PUT is still in
     * progress (then GET answers 404 or returns a partial body); such keys are left for the next poll.
     */
    static List<String> linesSoFar(S3ProxyExtension s3, String bucket, String prefix) {
        List<String> out = new ArrayList<>();
        for (String key : s3.listKeys(bucket, prefix)) {
            String text;
            try {
                text = s3.readObject(bucket, key);
            } catch (NoSuchKeyException | UncheckedIOException e) {
                continue;
            }
            for (String line : text.split("\r?\n")) {
                if (!line.isEmpty()) {
                    out.add(line);
                }
            }
        }
        return out;
    }

    /**
     * Creates a topic and waits until the broker serves every partition: producing into a fresh many-partition topic
     * at once makes the idempotent producer see NotLeaderOrFollower, then OutOfOrderSequence, and drop batches.
     */
    static void createTopicAndAwaitLeaders(ConnectClusterExtension connect, String topic, int partitions) {
        connect.kafka().createTopic(topic, partitions);
        await().atMost(Duration.ofSeconds(120)).ignoreExceptions().until(() -> connect.kafka().adminClient()
                .describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                .filter(p -> p.leader() != null && p.leader().id() >= 0).count() == partitions);
    }

    /** Sends every value (key {@code k<i>}) and fails unless the broker acknowledged each one. */
    static void produceAll(ConnectClusterExtension connect, String topic, List<String> values,
                           java.util.function.IntFunction<Integer> partitionOf) throws Exception {
        // one request in flight: on a loaded machine a timed-out batch is then always the last one, and its retry
        // is recognised as a duplicate instead of failing with OutOfOrderSequence (which drops records)
        Map<String, Object> props = new HashMap<>(connect.kafka().clientProps());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 60_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            List<Future<RecordMetadata>> acks = new ArrayList<>(values.size());
            for (int i = 0; i < values.size(); i++) {
                acks.add(producer.send(new ProducerRecord<>(topic, partitionOf.apply(i), "k" + i, values.get(i))));
            }
            producer.flush();
            for (Future<RecordMetadata> ack : acks) {
                ack.get(); // a failed send is the test's problem, not the sink's: say so
            }
        }
    }

    /** How often each line occurs. */
    static Map<String, Integer> counts(List<String> lines) {
        Map<String, Integer> counts = new HashMap<>();
        for (String l : lines) {
            counts.merge(l, 1, Integer::sum);
        }
        return counts;
    }
}
