package io.lakeloop.deploy;

import static io.lakeloop.deploy.DockerImages.HOST;
import static io.lakeloop.deploy.DockerImages.VERSION;
import static io.lakeloop.deploy.DockerImages.container;
import static io.lakeloop.deploy.DockerImages.endpoint;
import static io.lakeloop.deploy.DockerImages.get200;
import static io.lakeloop.deploy.DockerImages.health;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * The images that need a broker, run with Testcontainers (-Pdocker) on a network the test creates: our broker image,
 * the collator (events in, exact lake rows and dead letters out, /ready, graceful SIGTERM) and the Connect worker (both
 * plugins loaded from plugin.path). testcontainers-kafka's KafkaContainer is not used: it drives the official
 * apache/kafka image's own start script, which a registry-less machine cannot pull; our broker image runs as a
 * GenericContainer.
 */
class CollatorAndConnectImagesDockerIT {

    static Network network;
    static GenericContainer<?> kafka;
    static int kafkaPort;

    @BeforeAll
    static void broker() {
        network = Network.newNetwork();
        kafkaPort = DockerImages.freePort();
        // the host's clients need the advertised address before the broker starts: a fixed (free) host port
        kafka = DockerImages.published(new GenericContainer<>(DockerImages.image("kafka")), Map.of(19092, kafkaPort))
                .withNetwork(network).withNetworkAliases("kafka")
                .withEnv("KAFKA_LISTENERS", "INTERNAL://:9092,CONTROLLER://:9093,EXTERNAL://:19092")
                .withEnv("KAFKA_ADVERTISED_LISTENERS", "INTERNAL://kafka:9092,EXTERNAL://" + HOST + ":" + kafkaPort)
                .withEnv("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,EXTERNAL:PLAINTEXT")
                .withEnv("KAFKA_INTER_BROKER_LISTENER_NAME", "INTERNAL")
                .withEnv("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka:9093")
                .withEnv("JAVA_OPTS", "-Xmx384m")
                .withExposedPorts(19092)
                .waitingFor(Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(2)));
        kafka.start();
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.stop();
        }
        if (network != null) {
            network.close();
        }
    }

    static String bootstrap() {
        return HOST + ":" + kafkaPort;
    }

    @Test
    void collatorImageCollatesExactlyAndStopsGracefullyOnSigterm() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap()))) {
            admin.createTopics(List.of(new NewTopic("interactions", 1, (short) 1),
                    new NewTopic("lake.interactions", 1, (short) 1), new NewTopic("interactions.dlq", 1, (short) 1)))
                    .all().get();
        }
        try (GenericContainer<?> collator = container("streams-collator", 8090)
                .withNetwork(network)
                .withEnv("LAKELOOP_COLLATOR_BOOTSTRAP_SERVERS", "kafka:9092")
                .withEnv("LAKELOOP_COLLATOR_REPLICATION_FACTOR", "1")
                .withEnv("LAKELOOP_COLLATOR_COMMIT_INTERVAL_MS", "200")
                .withEnv("JAVA_OPTS", "-Xmx256m")
                .waitingFor(Wait.forHttp("/ready").forPort(8090).forStatusCode(200)
                        .withStartupTimeout(Duration.ofMinutes(2)))) {
            collator.start();
            long now = Instant.now().getEpochSecond();
            List<String> events = List.of(event("u1", "i1", "e1", now), event("u1", "i2", "e2", now),
                    event("u2", "i3", "e3", now), event("u2", "i3", "e3", now),
                    "{\"user_id\":\"u3\",\"session_id\":\"s\",\"event_type\":\"click\",\"timestamp\":" + now + "}");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap(),
                    "key.serializer", StringSerializer.class.getName(),
                    "value.serializer", StringSerializer.class.getName()))) {
                for (String e : events) {
                    producer.send(new ProducerRecord<>("interactions", "k", e)).get();
                }
            }
            // e3 twice in: once out (deduplicated); the event without item_id is a dead letter with its reason
            assertThat(eventIds(readAll("lake.interactions", 3))).containsExactlyInAnyOrder("e1", "e2", "e3");
            List<ConsumerRecord<String, String>> dlq = readAll("interactions.dlq", 1);
            assertThat(dlq).hasSize(1);
            assertThat(new String(dlq.get(0).headers().lastHeader("lakeloop.reason.code").value(),
                    StandardCharsets.UTF_8)).isEqualTo("MISSING_FIELD");

            DockerImages.assertNonRootAndLabelled(collator);
            await().atMost(Duration.ofSeconds(90)).until(() -> "healthy".equals(health(collator)));

            Instant stopAt = Instant.now();
            collator.getDockerClient().stopContainerCmd(collator.getContainerId()).withTimeout(60).exec();
            Duration stopping = Duration.between(stopAt, Instant.now());
            long exitCode = collator.getDockerClient().inspectContainerCmd(collator.getContainerId()).exec()
                    .getState().getExitCodeLong();
            // SIGTERM, not the SIGKILL at the end of the grace period: the JVM ran its hook (143 = 128 + SIGTERM)
            assertThat(exitCode).isIn(0L, 143L);
            assertThat(stopping).isLessThan(Duration.ofSeconds(45));
            assertThat(collator.getLogs()).contains("collator closed");
        }
    }

    @Test
    void connectImageLoadsBothPluginsFromPluginPath() {
        try (GenericContainer<?> connect = container("kafka-connect", 8083)
                .withNetwork(network)
                .withEnv("CONNECT_BOOTSTRAP_SERVERS", "kafka:9092")
                .withEnv("CONNECT_GROUP_ID", "images-it")
                .withEnv("JAVA_OPTS", "-Xmx384m")
                .waitingFor(Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(3)))) {
            connect.start();
            String plugins = get200(endpoint(connect, 8083).resolve("/connector-plugins?connectorsOnly=true"));
            Map<String, String> versions = new HashMap<>();
            try {
                Repo.JSON.readTree(plugins).forEach(p -> versions.put(p.path("class").asText(),
                        p.path("version").asText()));
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + plugins, e);
            }
            // both of ours, from plugin.path, at this build's version (Connect's own connectors are listed too)
            assertThat(versions).containsEntry("io.lakeloop.connect.personalize.PersonalizeSinkConnector", VERSION)
                    .containsEntry("io.lakeloop.connect.s3.S3SinkConnector", VERSION);
            DockerImages.assertNonRootAndLabelled(connect);
        }
    }

    private static String event(String user, String item, String id, long ts) {
        return "{\"user_id\":\"" + user + "\",\"session_id\":\"s\",\"item_id\":\"" + item + "\",\"event_type\":"
                + "\"click\",\"timestamp\":" + ts + ",\"event_id\":\"" + id + "\"}";
    }

    private static List<ConsumerRecord<String, String>> readAll(String topic, int expected) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap());
        props.put("group.id", "images-it-" + topic);
        props.put("auto.offset.reset", "earliest");
        props.put("isolation.level", "read_committed");
        props.put("key.deserializer", StringDeserializer.class.getName());
        props.put("value.deserializer", StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                return records.size() >= expected;
            });
            // a late duplicate would show up here
            consumer.poll(Duration.ofSeconds(3)).forEach(records::add);
        }
        return records;
    }

    private static List<String> eventIds(List<ConsumerRecord<String, String>> records) {
        List<String> ids = new ArrayList<>();
        for (ConsumerRecord<String, String> r : records) {
            try {
                ids.add(Repo.JSON.readTree(r.value()).path("EVENT_ID").asText());
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + r.value(), e);
            }
        }
        return ids;
    }
}
