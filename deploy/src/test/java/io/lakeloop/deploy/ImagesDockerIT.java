package io.lakeloop.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.GZIPOutputStream;
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
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.containers.wait.strategy.Wait;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The images this build makes, run with Testcontainers (-Pdocker): the broker, the collator (events in, exact lake
 * rows and dead letters out, graceful SIGTERM), the Connect worker (both plugins loaded from plugin.path), s3proxy and
 * the exporter (lake parts in S3 to the one CSV). testcontainers-kafka's KafkaContainer is not used: it drives the
 * official apache/kafka image's own start script, which a registry-less machine cannot pull; our broker image runs
 * as a GenericContainer.
 */
class ImagesDockerIT {

    static final String VERSION = System.getProperty("lakeloop.version", "0.1.0-SNAPSHOT");
    static final String KEY = "lakeloop";
    static final String SECRET = "lakeloop-secret";

    static Network network;
    static GenericContainer<?> kafka;
    static int kafkaPort;

    static String image(String name) {
        return "lakeloop/" + name + ":" + VERSION;
    }

    @BeforeAll
    static void broker() throws IOException {
        network = Network.newNetwork();
        try (ServerSocket socket = new ServerSocket(0)) {
            kafkaPort = socket.getLocalPort();
        }
        kafka = new GenericContainer<>(image("kafka"))
                .withNetwork(network).withNetworkAliases("kafka")
                .withEnv("KAFKA_LISTENERS", "INTERNAL://:9092,CONTROLLER://:9093,EXTERNAL://:19092")
                .withEnv("KAFKA_ADVERTISED_LISTENERS", "INTERNAL://kafka:9092,EXTERNAL://127.0.0.1:" + kafkaPort)
                .withEnv("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,EXTERNAL:PLAINTEXT")
                .withEnv("KAFKA_INTER_BROKER_LISTENER_NAME", "INTERNAL")
                .withEnv("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka:9093")
                .withEnv("JAVA_OPTS", "-Xmx384m")
                .withExposedPorts(19092)
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withPortBindings(new PortBinding(
                        Ports.Binding.bindIpAndPort("127.0.0.1", kafkaPort), new ExposedPort(19092))))
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
        return "127.0.0.1:" + kafkaPort;
    }

    @Test
    void collatorImageCollatesExactlyAndStopsGracefullyOnSigterm() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap()))) {
            admin.createTopics(List.of(new NewTopic("interactions", 1, (short) 1),
                    new NewTopic("lake.interactions", 1, (short) 1), new NewTopic("interactions.dlq", 1, (short) 1)))
                    .all().get();
        }
        try (GenericContainer<?> collator = new GenericContainer<>(image("streams-collator"))
                .withNetwork(network)
                .withEnv("LAKELOOP_COLLATOR_BOOTSTRAP_SERVERS", "kafka:9092")
                .withEnv("LAKELOOP_COLLATOR_REPLICATION_FACTOR", "1")
                .withEnv("LAKELOOP_COLLATOR_COMMIT_INTERVAL_MS", "200")
                .withEnv("JAVA_OPTS", "-Xmx256m")
                .withExposedPorts(8090)
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
            assertThat(eventIds(readAll("lake.interactions", 3))).containsExactlyInAnyOrder("e1", "e2", "e3");
            List<ConsumerRecord<String, String>> dlq = readAll("interactions.dlq", 1);
            assertThat(dlq).hasSize(1);
            assertThat(new String(dlq.get(0).headers().lastHeader("lakeloop.reason.code").value(),
                    StandardCharsets.UTF_8)).isEqualTo("MISSING_FIELD");

            InspectContainerResponse info = collator.getCurrentContainerInfo();
            assertThat(info.getConfig().getUser()).isEqualTo("10001:0");
            assertThat(info.getConfig().getLabels()).containsEntry("org.opencontainers.image.version", VERSION)
                    .containsKey("org.opencontainers.image.revision");
            await().atMost(Duration.ofSeconds(90)).until(() -> "healthy".equals(collator.getDockerClient()
                    .inspectContainerCmd(collator.getContainerId()).exec().getState().getHealth().getStatus()));

            Instant stopAt = Instant.now();
            collator.getDockerClient().stopContainerCmd(collator.getContainerId()).withTimeout(60).exec();
            Duration stopping = Duration.between(stopAt, Instant.now());
            InspectContainerResponse.ContainerState state = collator.getDockerClient()
                    .inspectContainerCmd(collator.getContainerId()).exec().getState();
            // SIGTERM, not the SIGKILL at the end of the grace period: the JVM ran its hook (143 = 128 + SIGTERM)
            assertThat(state.getExitCodeLong()).isIn(0L, 143L);
            assertThat(stopping).isLessThan(Duration.ofSeconds(45));
            assertThat(collator.getLogs()).contains("collator closed");
        }
    }

    @Test
    void connectImageLoadsBothPluginsFromPluginPath() throws Exception {
        try (GenericContainer<?> connect = new GenericContainer<>(image("kafka-connect"))
                .withNetwork(network)
                .withEnv("CONNECT_BOOTSTRAP_SERVERS", "kafka:9092")
                .withEnv("CONNECT_GROUP_ID", "images-it")
                .withEnv("JAVA_OPTS", "-Xmx384m")
                .withExposedPorts(8083)
                .waitingFor(Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(3)))) {
            connect.start();
            String plugins = get("http://" + connect.getHost() + ":" + connect.getMappedPort(8083)
                    + "/connector-plugins?connectorsOnly=true");
            assertThat(plugins).contains("io.lakeloop.connect.personalize.PersonalizeSinkConnector")
                    .contains("io.lakeloop.connect.s3.S3SinkConnector").contains(VERSION);
        }
    }

    @Test
    void exporterImageTurnsLakePartsInS3IntoTheOnePersonalizeCsv() throws Exception {
        try (GenericContainer<?> s3 = new GenericContainer<>(image("s3proxy"))
                .withNetwork(network).withNetworkAliases("s3")
                .withEnv("S3PROXY_IDENTITY", KEY).withEnv("S3PROXY_CREDENTIAL", SECRET)
                .withEnv("S3PROXY_BUCKETS", "lake,downstream")
                .withExposedPorts(9000)
                .waitingFor(Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(1)))) {
            s3.start();
            String prefix = "ds/t/dt=2026-12-01/";
            String header = "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE,SESSION_ID,EVENT_ID\r\n";
            try (S3Client client = s3Client("http://" + s3.getHost() + ":" + s3.getMappedPort(9000))) {
                client.putObject(b -> b.bucket("lake").key(prefix + "part-0.csv.gz"), RequestBody.fromBytes(gzip(
                        header + "u1,i1,1764547200,click,,s1,e1\r\nu2,i2,1764547201,view,1.5,s2,e2\r\n")));
                client.putObject(b -> b.bucket("lake").key(prefix + "part-1.csv.gz"), RequestBody.fromBytes(gzip(
                        header + "u3,\"i,3\",1764547202,click,,s3,e3\r\n")));
                try (GenericContainer<?> exporter = new GenericContainer<>(image("csv-exporter"))
                        .withNetwork(network)
                        .withEnv("AWS_ENDPOINT_URL_S3", "http://s3:9000").withEnv("AWS_REGION", "us-east-1")
                        .withEnv("AWS_ACCESS_KEY_ID", KEY).withEnv("AWS_SECRET_ACCESS_KEY", SECRET)
                        .withCommand("--source", "s3://lake/" + prefix, "--output",
                                "s3://downstream/recommender/personalize_input.csv", "--no-progress")
                        .withStartupCheckStrategy(new OneShotStartupCheckStrategy()
                                .withTimeout(Duration.ofMinutes(2)))) {
                    exporter.start();
                }
                String csv = client.getObjectAsBytes(b -> b.bucket("downstream")
                        .key("recommender/personalize_input.csv")).asUtf8String();
                assertThat(csv.lines().toList()).containsExactly("USER_ID,ITEM_ID,TIMESTAMP",
                        "u1,i1,1764547200", "u2,i2,1764547201", "u3,\"i,3\",1764547202");
            }
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

    private static String get(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }

    private static S3Client s3Client(String endpoint) {
        return S3Client.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .forcePathStyle(true).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, SECRET)))
                .build();
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
