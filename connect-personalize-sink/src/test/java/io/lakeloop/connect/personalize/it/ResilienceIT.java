package io.lakeloop.connect.personalize.it;

import static io.lakeloop.connect.personalize.it.SinkFixtures.TIMEOUT;
import static io.lakeloop.connect.personalize.it.SinkFixtures.assertExactlyOnceByEventId;
import static io.lakeloop.connect.personalize.it.SinkFixtures.eventsConnector;
import static io.lakeloop.connect.personalize.it.SinkFixtures.eventsOf;
import static io.lakeloop.connect.personalize.it.SinkFixtures.flat;
import static io.lakeloop.connect.personalize.it.SinkFixtures.produceAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lakeloop.emulator.EmulatorStats;
import io.lakeloop.emulator.FaultSettings;
import io.lakeloop.emulator.Operation;
import io.lakeloop.emulator.PersonalizeEmulator;
import io.lakeloop.testkit.ConnectClusterExtension;
import io.lakeloop.testkit.EmulatorExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Faults between the connector and Personalize, and a worker restart: nothing is lost, duplicates share an id. */
class ResilienceIT {

    @RegisterExtension
    static final ConnectClusterExtension CONNECT = ConnectClusterExtension.create();

    @RegisterExtension
    static final EmulatorExtension PERSONALIZE = EmulatorExtension.create();

    private static PersonalizeEmulator emulator;

    @BeforeAll
    static void emulator() {
        emulator = PERSONALIZE.emulator();
    }

    @AfterEach
    void noFaults() {
        emulator.faults().reset();
    }

    private static List<Map.Entry<String, String>> events(String prefix, int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> Map.entry("u" + (i % 50),
                flat("u" + (i % 50), "s" + (i % 50), prefix + i, 1_700_000_000L + i))).toList();
    }

    private static Set<String> items(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i).collect(Collectors.toSet());
    }

    private void deploy(String name, String topic, int partitions) {
        deploy(name, topic, partitions, Map.of());
    }

    private void deploy(String name, String topic, int partitions, Map<String, String> extra) {
        CONNECT.kafka().createTopic(topic, partitions);
        Map<String, String> config = eventsConnector(emulator, topic, "tracker-" + name);
        config.put("tasks.max", "2");
        config.putAll(extra);
        CONNECT.configureConnector(name, config);
        CONNECT.awaitConnectorRunning(name, 2);
    }

    @Test
    void throttlingAndServerErrorsLoseNothing() {
        deploy("faulty", "faulty", 2);
        emulator.faults().set(FaultSettings.none().withThrottleRatio(0.30).withErrorRatio(0.05));
        EmulatorStats.Snapshot before = emulator.stats().snapshot();

        produceAll(CONNECT, "faulty", events("f-", 0, 2000));

        await().atMost(TIMEOUT).untilAsserted(() ->
                assertThat(eventsOf(emulator, "tracker-faulty").stream().map(e -> e.itemId()).distinct().count())
                        .isEqualTo(2000));
        assertExactlyOnceByEventId(eventsOf(emulator, "tracker-faulty"), items("f-", 2000));
        EmulatorStats.Snapshot after = emulator.stats().snapshot();
        assertThat(after.calls(Operation.PUT_EVENTS) - before.calls(Operation.PUT_EVENTS))
                .as("faults were injected, so there were more calls than accepted ones")
                .isGreaterThan(after.acceptedCalls(Operation.PUT_EVENTS) - before.acceptedCalls(Operation.PUT_EVENTS));
        CONNECT.deleteConnector("faulty");
    }

    @Test
    void anOutageOfTwentySecondsMidStreamIsRiddenOut() {
        deploy("outage", "outage", 2);
        produceAll(CONNECT, "outage", events("o-", 0, 500));
        await().atMost(TIMEOUT).until(() -> eventsOf(emulator, "tracker-outage").size() >= 500);

        emulator.faults().outage(Duration.ofSeconds(20), FaultSettings.OutageMode.REFUSE);
        produceAll(CONNECT, "outage", events("o-", 500, 1500));

        await().atMost(TIMEOUT).untilAsserted(() ->
                assertThat(eventsOf(emulator, "tracker-outage").stream().map(e -> e.itemId()).distinct().count())
                        .isEqualTo(1500));
        assertExactlyOnceByEventId(eventsOf(emulator, "tracker-outage"), items("o-", 1500));
        assertThat(CONNECT.connectorStatus("outage").tasks()).allSatisfy(t -> assertThat(t.state()).isEqualTo("RUNNING"));
        CONNECT.deleteConnector("outage");
    }

    @Test
    void aWorkerRestartMidStreamLosesNothing() {
        // 20 calls/s for the connector: the first 1000 events take about five seconds, so the restart hits mid-stream
        deploy("restart", "restart", 2, Map.of("rate.limit.requests.per.second", "20"));
        produceAll(CONNECT, "restart", events("r-", 0, 1000));
        await().atMost(TIMEOUT).until(() -> !eventsOf(emulator, "tracker-restart").isEmpty());

        assertThat(eventsOf(emulator, "tracker-restart")).as("the restart comes mid-stream").hasSizeLessThan(1000);
        CONNECT.restartWorker();
        produceAll(CONNECT, "restart", events("r-", 1000, 2000));
        CONNECT.awaitConnectorRunning("restart", 2);

        await().atMost(TIMEOUT).untilAsserted(() ->
                assertThat(eventsOf(emulator, "tracker-restart").stream().map(e -> e.itemId()).distinct().count())
                        .isEqualTo(2000));
        assertExactlyOnceByEventId(eventsOf(emulator, "tracker-restart"), items("r-", 2000));
        CONNECT.deleteConnector("restart");
    }
}
