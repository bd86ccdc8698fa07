package io.lakeloop.connect.personalize.it;

import static io.lakeloop.connect.personalize.it.SinkFixtures.TIMEOUT;
import static io.lakeloop.connect.personalize.it.SinkFixtures.assertExactlyOnceByEventId;
import static io.lakeloop.connect.personalize.it.SinkFixtures.eventsConnector;
import static io.lakeloop.connect.personalize.it.SinkFixtures.eventsOf;
import static io.lakeloop.connect.personalize.it.SinkFixtures.flat;
import static io.lakeloop.connect.personalize.it.SinkFixtures.produceAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lakeloop.emulator.PersonalizeEmulator;
import io.lakeloop.testkit.ConnectClusterExtension;
import io.lakeloop.testkit.EmulatorExtension;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 11 item 11: credentials as MSK Connect and ECS hand them out — the SDK's default chain fetching them from a
 * container credentials endpoint (here the emulator's) — whose refresh is throttled for a while. The task rides it
 * out (retried as CREDENTIALS), stays RUNNING, and every event arrives exactly once.
 */
class CredentialsRefreshIT {

    /** What AWS_CONTAINER_CREDENTIALS_FULL_URI sets on ECS / MSK Connect; the SDK reads this property too. */
    private static final String FULL_URI = "aws.containerCredentialsFullUri";

    @RegisterExtension
    static final ConnectClusterExtension CONNECT = ConnectClusterExtension.create();

    @RegisterExtension
    static final EmulatorExtension PERSONALIZE = EmulatorExtension.create();

    private static PersonalizeEmulator emulator;

    @BeforeAll
    static void credentialsFromTheEmulator() {
        assertThat(System.getenv("AWS_ACCESS_KEY_ID")).as("the default chain must reach the container provider: "
                + "unset AWS_ACCESS_KEY_ID for this test").isNull();
        assertThat(System.getProperty("aws.accessKeyId")).isNull();
        emulator = PERSONALIZE.emulator();
        System.setProperty(FULL_URI, emulator.endpoint().resolve("/_emulator/credentials").toString());
        // a minute and a second: stale at once, so every call refreshes and meets the injected failures
        emulator.containerCredentials().lifetime(Duration.ofSeconds(61));
    }

    @AfterAll
    static void clear() {
        System.clearProperty(FULL_URI);
    }

    private static void produce(String topic, int from, int to) {
        produceAll(CONNECT, topic, IntStream.range(from, to).mapToObj(i -> Map.entry("u" + (i % 4),
                flat("u" + (i % 4), "s" + (i % 4), "c-" + i, 1_700_000_000L + i))).toList());
    }

    @Test
    void aThrottledCredentialRefreshIsRiddenOutAndNothingIsLostOrDeadLettered() {
        String name = "credentials";
        CONNECT.kafka().createTopic(name, 1);
        Map<String, String> config = eventsConnector(emulator, name, "tracker-credentials");
        config.put("aws.credentials.provider", "default");
        config.remove("aws.access.key.id");
        config.remove("aws.secret.access.key");
        config.putAll(ConnectClusterExtension.deadLetterQueueConfig(name + ".dlq"));
        CONNECT.configureConnector(name, config);
        CONNECT.awaitConnectorRunning(name, 1);
        produce(name, 0, 20);
        await().atMost(TIMEOUT).until(() -> eventsOf(emulator, "tracker-credentials").size() >= 20);
        long failedBefore = emulator.containerCredentials().failed();

        emulator.containerCredentials().failNext(8, 429);
        produce(name, 20, 40);

        await().atMost(TIMEOUT).untilAsserted(() ->
                assertThat(eventsOf(emulator, "tracker-credentials")).hasSizeGreaterThanOrEqualTo(40));
        // the SDK may serve the stale credentials for a while after a failed refresh: at least one call met it
        assertThat(emulator.containerCredentials().failed() - failedBefore).as("refreshes that met a 429")
                .isPositive();
        Set<String> items = IntStream.range(0, 40).mapToObj(i -> "c-" + i).collect(Collectors.toSet());
        assertExactlyOnceByEventId(eventsOf(emulator, "tracker-credentials"), items);
        assertThat(CONNECT.connectorStatus(name).tasks()).allSatisfy(t -> assertThat(t.state()).isEqualTo("RUNNING"));
        assertThat(CONNECT.kafka().consumeAll(name + ".dlq", TIMEOUT)).isEmpty();
        CONNECT.deleteConnector(name);
    }
}
