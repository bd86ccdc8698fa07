package io.lakeloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakeloop.event.RecordValues;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;

/**
 * {@code lakeloop up} and {@code down} as processes, exactly as a user runs them: the services really start, a
 * client can use each, {@code down} leaves no process and no port behind, the data survives a restart, and
 * {@code down} still cleans up when the {@code up} process was killed.
 */
class UpDownIT {

    private static final Duration START = Duration.ofMinutes(3);

    @TempDir
    Path tmp;

    @Test
    void upServesEveryEndpointDownLeavesNothingBehindAndDataSurvivesARestart() throws Exception {
        Path data = tmp.resolve("data");
        int[] p = CliProcess.freePorts(6);
        List<String> stack = List.of("--data-dir", data.toString(), "--kafka-port", "" + p[0], "--controller-port",
                "" + p[1], "--connect-port", "" + p[2], "--s3-port", "" + p[3], "--emulator-port", "" + p[4],
                "--collator-port", "" + p[5]);
        String bootstrap = "127.0.0.1:" + p[0];
        String s3 = "http://127.0.0.1:" + p[3];

        Map<String, Long> firstPids;
        try (CliProcess up = CliProcess.start(tmp, "up1", args("up", stack))) {
            up.awaitStdout("Data folder:", START);
            assertThat(up.stdout()).contains("Kafka bootstrap:        " + bootstrap)
                    .contains("Connect REST:           http://127.0.0.1:" + p[2])
                    .contains("S3 endpoint:            " + s3)
                    .contains("Personalize (emulator): http://127.0.0.1:" + p[4]);
            firstPids = recordedPids(data);
            assertThat(firstPids).containsKeys("lakeloop", "broker", "s3proxy", "connect");
            firstPids.values().forEach(pid -> assertThat(ProcessHandle.of(pid)).hasValueSatisfying(
                    h -> assertThat(h.isAlive()).isTrue()));

            produce(bootstrap, "u1", "{\"user_id\":\"u1\",\"session_id\":\"s1\",\"item_id\":\"i1\","
                    + "\"event_type\":\"click\",\"timestamp\":1700000000}");
            assertThat(Readiness.httpStatus("http://127.0.0.1:" + p[2] + "/connectors")).isEqualTo(200);
            try (S3Client client = s3(s3)) {
                assertThat(client.listBuckets().buckets()).extracting(Bucket::name)
                        .contains("upstream", "lake", "downstream");
                client.putObject(b -> b.bucket("lake").key("kept/across/restart.txt"),
                        RequestBody.fromString("still here"));
            }

            CliProcess.Result status = CliProcess.run(tmp, "status1", Duration.ofMinutes(1), args("status", stack));
            assertThat(status.exitCode()).as(status.stdout()).isZero();
            assertThat(status.stdout()).contains("broker    running", "connect   running", "s3proxy   running", "emulator  running");
            assertStatusJson(tmp, stack, firstPids);
            assertDeployJson(tmp, p, s3);

            CliProcess.Result down = CliProcess.run(tmp, "down1", Duration.ofMinutes(2), args("down", stack));
            assertThat(down.exitCode()).as(down.stderr()).isZero();
            assertThat(down.stderr()).contains("Stopped", "broker", "connect", "s3proxy");
            // down sends up SIGTERM; up stops its services in its shutdown hook and exits as SIGTERM says (128 + 15)
            assertThat(up.waitFor(Duration.ofSeconds(60))).as(up.stderr()).isEqualTo(143);
            assertThat(up.stderr()).contains("Stopping the stack", "Stopped.").doesNotContain("ERROR");
        }
        assertNothingLeft(data, firstPids, p);
        assertThat(CliProcess.run(tmp, "status2", Duration.ofMinutes(1), args("status", stack)).exitCode())
                .isEqualTo(3);
        CliProcess.Result stopped = CliProcess.run(tmp, "status2-json", Duration.ofMinutes(1),
                args("status", append(stack, "--json")));
        assertThat(stopped.exitCode()).isEqualTo(3);
        JsonNode stoppedJson = RecordValues.JSON.readTree(stopped.stdout());
        assertThat(stoppedJson.get("status").asText()).isEqualTo("STOPPED");
        assertThat(stoppedJson.get("services")).allSatisfy(service -> assertThat(service.get("pid").isNull()).isTrue())
                .extracting(service -> service.get("state").asText()).containsOnly("STOPPED");

        try (CliProcess up = CliProcess.start(tmp, "up2", args("up", stack))) {
            up.awaitStdout("Data folder:", START);
            assertThat(consumeAll(bootstrap)).containsExactly("u1");
            try (S3Client client = s3(s3)) {
                assertThat(client.getObjectAsBytes(b -> b.bucket("lake").key("kept/across/restart.txt"))
                        .asUtf8String()).isEqualTo("still here");
            }
            Map<String, Long> secondPids = recordedPids(data);

            // up dies without cleaning up: its children live on, and down must still find and stop them
            up.process().destroyForcibly();
            up.process().waitFor();
            secondPids.entrySet().stream().filter(e -> !e.getKey().equals("lakeloop"))
                    .forEach(e -> assertThat(ProcessHandle.of(e.getValue()).map(ProcessHandle::isAlive))
                            .as(e.getKey()).contains(true));
            CliProcess.Result down = CliProcess.run(tmp, "down2", Duration.ofMinutes(2), args("down", stack));
            assertThat(down.exitCode()).as(down.stderr()).isZero();
            assertThat(down.stderr()).contains("broker", "connect", "s3proxy");
            assertNothingLeft(data, secondPids, p);
        }
    }

    @Test
    void refusesToStartWhenAPortIsTakenAndNamesIt() throws Exception {
        int[] p = CliProcess.freePorts(6);
        try (ServerSocket squatter = new ServerSocket(p[2])) {
            CliProcess.Result up = CliProcess.run(tmp, "up-taken", Duration.ofMinutes(1), args("up", List.of(
                    "--data-dir", tmp.resolve("data").toString(), "--kafka-port", "" + p[0], "--controller-port",
                    "" + p[1], "--connect-port", "" + p[2], "--s3-port", "" + p[3], "--emulator-port", "" + p[4],
                    "--collator-port", "" + p[5])));
            assertThat(up.exitCode()).isEqualTo(1);
            assertThat(up.stderr()).contains("Port " + p[2] + " (connect) is already in use");
            assertThat(recordedPids(tmp.resolve("data"))).isEmpty();
        }
    }

    /** {@code status --json} on the running stack: every built service RUNNING with the pid its pid file records. */
    private static void assertStatusJson(Path tmp, List<String> stack, Map<String, Long> pids) throws Exception {
        CliProcess.Result status = CliProcess.run(tmp, "status1-json", Duration.ofMinutes(1),
                args("status", append(stack, "--json")));
        assertThat(status.exitCode()).as(status.stderr()).isZero();
        JsonNode json = RecordValues.JSON.readTree(status.stdout());
        assertThat(json.get("status").asText()).isEqualTo("RUNNING");
        assertThat(json.get("exitCode").asInt()).isZero();
        JsonNode services = json.get("services");
        assertThat(services).extracting(s -> s.get("name").asText())
                .containsExactly("broker", "s3proxy", "emulator", "connect", "collator");
        for (JsonNode service : services) {
            String name = service.get("name").asText();
            if (pids.containsKey(name)) {
                assertThat(service.get("state").asText()).as(name).isEqualTo("RUNNING");
                assertThat(service.get("pid").asLong()).as(name).isEqualTo(pids.get(name));
            } else { // the collator's jar is not built in this checkout
                assertThat(service.get("state").asText()).as(name).isEqualTo("NOT_BUILT");
            }
        }
    }

    /** {@code deploy --json} of one connector file to the stack's real Connect worker: DEPLOYED, every task RUNNING. */
    private static void assertDeployJson(Path tmp, int[] p, String s3) throws Exception {
        String connect = "http://127.0.0.1:" + p[2];
        CliProcess.Result deploy = CliProcess.run(tmp, "deploy-json", Duration.ofMinutes(3), List.of("deploy",
                "--json", "--connect-url", connect, "--s3-endpoint", s3, "--region", "us-east-1",
                "--dlq-replication-factor", "1", "--set", "aws.credentials.provider=static", "--set",
                "aws.access.key.id=lakeloop", "--set", "aws.secret.access.key=lakeloop-secret", "--timeout", "2m",
                CliProcess.HOME.resolve("config/s3-upstream-sink.json").toString()));
        assertThat(deploy.exitCode()).as(deploy.stderr()).isZero();
        JsonNode json = RecordValues.JSON.readTree(deploy.stdout());
        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("status", "exitCode", "connectUrl", "connectors");
        assertThat(json.get("status").asText()).isEqualTo("DEPLOYED");
        assertThat(json.get("connectUrl").asText()).isEqualTo(connect);
        assertThat(json.get("connectors")).hasSize(1);
        JsonNode connector = json.get("connectors").get(0);
        assertThat(connector.get("name").asText()).isEqualTo("s3-upstream-sink");
        assertThat(connector.get("state").asText()).isEqualTo("RUNNING");
        assertThat(connector.get("tasks")).extracting(JsonNode::asText).containsExactly("RUNNING", "RUNNING");
        assertThat(connector.at("/config/aws.secret.access.key").asText()).isEqualTo("********");
        assertThat(connector.at("/config/aws.endpoint").asText()).isEqualTo(s3);
        assertThat(deploy.stdout()).doesNotContain("lakeloop-secret");
    }

    private static List<String> append(List<String> options, String... more) {
        List<String> all = new ArrayList<>(options);
        all.addAll(List.of(more));
        return all;
    }

    private static List<String> args(String command, List<String> options) {
        List<String> all = new ArrayList<>();
        all.add(command);
        all.addAll(options);
        return all;
    }

    private static Map<String, Long> recordedPids(Path data) {
        Map<String, Long> pids = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(LocalStack.SERVICES);
        names.add("lakeloop");
        for (String name : names) {
            PidFile.read(data.resolve("run"), name).ifPresent(f -> pids.put(name, f.pid()));
        }
        return pids;
    }

    private static void assertNothingLeft(Path data, Map<String, Long> pids, int[] ports) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            pids.forEach((name, pid) -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
                    .as("process %s (pid %s)", name, pid).isNotEqualTo(java.util.Optional.of(true)));
            for (int port : ports) {
                assertThat(ProcessSupervisor.isFree(port)).as("port %s is free", port).isTrue();
            }
        });
        assertThat(recordedPids(data)).isEmpty();
    }

    private static void produce(String bootstrap, String key, String value) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            producer.send(new ProducerRecord<>("interactions", key, value)).get();
        }
    }

    private static List<String> consumeAll(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "updown-it");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of("interactions"));
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    keys.add(record.key());
                }
                return !keys.isEmpty();
            });
        }
        return keys;
    }

    private static S3Client s3(String endpoint) {
        return S3Client.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .forcePathStyle(true).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("lakeloop", "lakeloop-secret")))
                .build();
    }
}
