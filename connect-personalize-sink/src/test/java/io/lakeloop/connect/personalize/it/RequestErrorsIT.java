package io.lakeloop.connect.personalize.it;

import static io.lakeloop.connect.personalize.it.SinkFixtures.TIMEOUT;
import static io.lakeloop.connect.personalize.it.SinkFixtures.assertExactlyOnceByEventId;
import static io.lakeloop.connect.personalize.it.SinkFixtures.eventsConnector;
import static io.lakeloop.connect.personalize.it.SinkFixtures.eventsOf;
import static io.lakeloop.connect.personalize.it.SinkFixtures.flat;
import static io.lakeloop.connect.personalize.it.SinkFixtures.produceAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lakeloop.emulator.CommonError;
import io.lakeloop.emulator.InjectedErrors;
import io.lakeloop.emulator.PersonalizeEmulator;
import io.lakeloop.testkit.ConnectClusterExtension;
import io.lakeloop.testkit.EmulatorExtension;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 11 item 7: the 400s AWS sends about the request, not its records — AccessDenied, RequestExpired,
 * ValidationError, MalformedHttpRequest, one nobody documented — produced by the emulator and met by the real SDK in
 * a real Connect worker. Good events are never bisected into the dead-letter queue: the task retries (clock skew)
 * or fails naming the error, and once the cause is gone every event arrives exactly once.
 */
class RequestErrorsIT {

    @RegisterExtension
    static final ConnectClusterExtension CONNECT = ConnectClusterExtension.create();

    @RegisterExtension
    static final EmulatorExtension PERSONALIZE = EmulatorExtension.create();

    private static final int EVENTS = 30;

    private static PersonalizeEmulator emulator;

    @BeforeAll
    static void emulator() {
        emulator = PERSONALIZE.emulator();
    }

    @AfterEach
    void clear() {
        emulator.errors().clear();
        emulator.clock().setOffset(Duration.ZERO);
    }

    private static String deploy(String name, Map<String, String> extra) {
        CONNECT.kafka().createTopic(name, 1);
        Map<String, String> config = eventsConnector(emulator, name, "tracker-" + name);
        config.putAll(ConnectClusterExtension.deadLetterQueueConfig(name + ".dlq"));
        config.putAll(extra);
        CONNECT.configureConnector(name, config);
        CONNECT.awaitConnectorRunning(name, 1);
        return name;
    }

    private static void produce(String topic) {
        produce(topic, 3);
    }

    private static void produce(String topic, int sessions) {
        produceAll(CONNECT, topic, IntStream.range(0, EVENTS).mapToObj(i -> Map.entry("u" + (i % sessions),
                flat("u" + (i % sessions), "s" + (i % sessions), topic + "-" + i, 1_700_000_000L + i))).toList());
    }

    private static Set<String> items(String topic) {
        return IntStream.range(0, EVENTS).mapToObj(i -> topic + "-" + i).collect(Collectors.toSet());
    }

    private static ConnectorStateInfo.TaskState task(String name) {
        return CONNECT.connectorStatus(name).tasks().get(0);
    }

    private static void assertNothingDeadLettered(String name) {
        assertThat(CONNECT.kafka().consumeAll(name + ".dlq", TIMEOUT)).as("dead letters of " + name).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"AccessDeniedException", "ValidationError", "MalformedHttpRequestException",
            "SomethingNobodyDocumented"})
    void aRefusedRequestFailsTheTaskNamingTheErrorAndNoGoodEventIsDeadLettered(String errorType) {
        String name = deploy("refused-" + errorType.toLowerCase(Locale.ROOT), Map.of());
        emulator.errors().add(new InjectedErrors.Rule(400, errorType, "refused", InjectedErrors.UNTIL_CLEARED));

        produce(name);

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(task(name).state()).isEqualTo("FAILED");
            assertThat(task(name).trace()).contains("REQUEST_REFUSED").contains("HTTP 400 " + errorType)
                    .contains("no record was dead-lettered");
        });
        assertThat(CONNECT.connectorStatus(name).connector().state()).isEqualTo("RUNNING");
        assertThat(eventsOf(emulator, "tracker-" + name)).isEmpty();
        assertNothingDeadLettered(name);

        emulator.errors().clear();
        CONNECT.rest("POST", "/connectors/" + name + "/tasks/0/restart", null);
        await().atMost(TIMEOUT).untilAsserted(() ->
                assertThat(eventsOf(emulator, "tracker-" + name)).hasSizeGreaterThanOrEqualTo(EVENTS));
        assertExactlyOnceByEventId(eventsOf(emulator, "tracker-" + name), items(name));
        assertThat(task(name).state()).isEqualTo("RUNNING");
        assertNothingDeadLettered(name);
        CONNECT.deleteConnector(name);
    }

    @Test
    void requestExpiredIsRetriedUntilItPassesAndNothingIsDeadLettered() {
        String name = deploy("expired", Map.of());
        // one session: its calls go one after the other, so bisecting would reach single events within 4 errors
        emulator.errors().inject(CommonError.REQUEST_EXPIRED, 8);

        produce(name, 1);

        await().atMost(TIMEOUT).untilAsserted(() ->
                assertThat(eventsOf(emulator, "tracker-" + name)).hasSizeGreaterThanOrEqualTo(EVENTS));
        assertExactlyOnceByEventId(eventsOf(emulator, "tracker-" + name), items(name));
        assertThat(emulator.errors().pending()).as("every injected RequestExpired was answered").isEmpty();
        assertThat(task(name).state()).isEqualTo("RUNNING");
        assertNothingDeadLettered(name);
        CONNECT.deleteConnector(name);
    }

    @Test
    void aClientClockTwentyMinutesOffIsRetriedToTheDeadlineThenFailsTheTaskWithoutDeadLetters() {
        String name = deploy("skewed", Map.of("retry.deadline.ms", "5000", "retry.backoff.max.ms", "500"));
        emulator.clock().setOffset(Duration.ofMinutes(20));

        produce(name);

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(task(name).state()).isEqualTo("FAILED");
            assertThat(task(name).trace()).contains("CLOCK_SKEW").contains("HTTP 400 InvalidSignatureException")
                    .contains("retry.deadline.ms");
        });
        assertThat(eventsOf(emulator, "tracker-" + name)).isEmpty();
        assertNothingDeadLettered(name);

        emulator.clock().setOffset(Duration.ZERO);
        CONNECT.rest("POST", "/connectors/" + name + "/tasks/0/restart", null);
        await().atMost(TIMEOUT).untilAsserted(() ->
                assertThat(eventsOf(emulator, "tracker-" + name)).hasSizeGreaterThanOrEqualTo(EVENTS));
        assertExactlyOnceByEventId(eventsOf(emulator, "tracker-" + name), items(name));
        assertNothingDeadLettered(name);
        CONNECT.deleteConnector(name);
    }
}
