package io.lakeloop.deploy;

import static io.lakeloop.deploy.DockerImages.container;
import static io.lakeloop.deploy.DockerImages.endpoint;
import static io.lakeloop.deploy.DockerImages.get200;
import static io.lakeloop.deploy.DockerImages.health;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.containers.wait.strategy.Wait;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.personalizeevents.PersonalizeEventsClient;
import software.amazon.awssdk.services.personalizeevents.model.Event;
import software.amazon.awssdk.services.personalizeevents.model.InvalidInputException;
import software.amazon.awssdk.services.personalizeevents.model.PersonalizeEventsException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The images that need no broker, run with Testcontainers (-Pdocker): the Personalize emulator (the real AWS SDK's
 * PutEvents, SigV4-verified, exactly what it accepted listed by its admin API), and s3proxy with the exporter (lake
 * parts in S3 to the one Personalize CSV).
 */
class EmulatorAndExporterImagesDockerIT {

    static final String KEY = "lakeloop";
    static final String SECRET = "lakeloop-secret";

    @Test
    void emulatorImageAcceptsPutEventsFromTheSdkAndRecordsExactlyThose() throws Exception {
        try (GenericContainer<?> emulator = container("personalize-emulator", 8089)
                .withCommand("--host", "0.0.0.0", "--port", "8089", "--access-key", KEY, "--secret-key", SECRET)
                .waitingFor(Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(1)))) {
            emulator.start();
            URI uri = endpoint(emulator, 8089);
            Instant sentAt = Instant.parse("2026-12-01T10:00:00.250Z");
            try (PersonalizeEventsClient client = personalize(uri, SECRET)) {
                client.putEvents(r -> r.trackingId("tracking-1").userId("u1").sessionId("s1").eventList(
                        Event.builder().eventId("e1").eventType("click").itemId("i1").sentAt(sentAt)
                                .properties("{\"device\":\"phone\"}").build(),
                        Event.builder().eventId("e2").eventType("purchase").itemId("i2").eventValue(9.5f)
                                .sentAt(sentAt.plusSeconds(1)).build()));
                // the service's validation, as the SDK sees it: a typed exception, nothing recorded
                assertThatThrownBy(() -> client.putEvents(r -> r.trackingId("tracking-1").sessionId("s1")
                        .eventList(Event.builder().eventId("e3").eventType("x".repeat(257)).sentAt(sentAt).build())))
                        .isInstanceOf(InvalidInputException.class).hasMessageContaining("eventList.1.member.eventType");
            }
            // a wrong secret fails the signature check (403), and nothing is recorded either
            try (PersonalizeEventsClient forged = personalize(uri, "not-the-secret")) {
                assertThatThrownBy(() -> forged.putEvents(r -> r.trackingId("tracking-1").sessionId("s1")
                        .eventList(Event.builder().eventId("e4").eventType("click").sentAt(sentAt).build())))
                        .isInstanceOfSatisfying(PersonalizeEventsException.class,
                                e -> assertThat(e.statusCode()).isEqualTo(403));
            }

            JsonNode recorded = Repo.JSON.readTree(get200(uri.resolve("/_emulator/events")));
            List<String> seen = new ArrayList<>();
            recorded.forEach(e -> seen.add(String.join("|", text(e, "trackingId"), text(e, "userId"),
                    text(e, "sessionId"), text(e, "eventId"), text(e, "eventType"), text(e, "itemId"),
                    text(e, "eventValue"), text(e, "properties"),
                    Long.toString(Math.round(e.path("sentAt").doubleValue() * 1000)))));
            assertThat(seen).containsExactly(
                    "tracking-1|u1|s1|e1|click|i1||{\"device\":\"phone\"}|" + sentAt.toEpochMilli(),
                    "tracking-1|u1|s1|e2|purchase|i2|9.5||" + sentAt.plusSeconds(1).toEpochMilli());
            DockerImages.assertNonRootAndLabelled(emulator);
            assertThat(health(emulator)).isEqualTo("healthy");
        }
    }

    @Test
    void exporterImageTurnsLakePartsInS3IntoTheOnePersonalizeCsv() throws Exception {
        try (Network network = Network.newNetwork();
             GenericContainer<?> s3 = container("s3proxy", 9000)
                     .withNetwork(network).withNetworkAliases("s3")
                     .withEnv("S3PROXY_IDENTITY", KEY).withEnv("S3PROXY_CREDENTIAL", SECRET)
                     .withEnv("S3PROXY_BUCKETS", "lake,downstream")
                     .waitingFor(Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(1)))) {
            s3.start();
            String prefix = "ds/t/dt=2026-12-01/";
            String header = "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE,SESSION_ID,EVENT_ID\r\n";
            try (S3Client client = s3Client(endpoint(s3, 9000))) {
                client.putObject(b -> b.bucket("lake").key(prefix + "part-0.csv.gz"), RequestBody.fromBytes(gzip(
                        header + "u1,i1,1764547200,click,,s1,e1\r\nu2,i2,1764547201,view,1.5,s2,e2\r\n")));
                client.putObject(b -> b.bucket("lake").key(prefix + "part-1.csv.gz"), RequestBody.fromBytes(gzip(
                        header + "u3,\"i,3\",1764547202,click,,s3,e3\r\n")));
                try (GenericContainer<?> exporter = container("csv-exporter")
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

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? "" : value.asText();
    }

    private static PersonalizeEventsClient personalize(URI endpoint, String secret) {
        return PersonalizeEventsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, secret)))
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    private static S3Client s3Client(URI endpoint) {
        return S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
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
