package io.lakeloop.connect.personalize.it;

import static io.lakeloop.connect.personalize.it.SinkFixtures.TIMEOUT;
import static io.lakeloop.connect.personalize.it.SinkFixtures.connector;
import static io.lakeloop.connect.personalize.it.SinkFixtures.eventsConnector;
import static io.lakeloop.connect.personalize.it.SinkFixtures.eventsOf;
import static io.lakeloop.connect.personalize.it.SinkFixtures.flat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lakeloop.emulator.PersonalizeEmulator;
import io.lakeloop.emulator.RecordedActionInteraction;
import io.lakeloop.emulator.RecordedEvent;
import io.lakeloop.emulator.RecordedItem;
import io.lakeloop.emulator.RecordedUser;
import io.lakeloop.event.EventIds;
import io.lakeloop.testkit.ConnectClusterExtension;
import io.lakeloop.testkit.EmulatorExtension;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.connect.sink.SinkTaskContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each data type end to end: records on a topic → a connector deployed over REST → what the emulator accepted. */
class PersonalizeSinkIT {

    @RegisterExtension
    static final ConnectClusterExtension CONNECT = ConnectClusterExtension.create();

    @RegisterExtension
    static final EmulatorExtension PERSONALIZE = EmulatorExtension.create();

    private static PersonalizeEmulator emulator;

    @BeforeAll
    static void emulator() {
        emulator = PERSONALIZE.emulator();
    }

    /** What identifies an accepted event, with sentAt as the instant the wire's epoch seconds denote. */
    record Seen(String userId, String sessionId, String itemId, String eventType, Instant sentAt, String eventId) {
        static Seen of(RecordedEvent e) {
            return new Seen(e.userId(), e.sessionId(), e.itemId(), e.eventType(), e.sentAtInstant(), e.eventId());
        }
    }

    @Test
    void theSeedPayloadAndFlatEventsArriveWithSecondsTimestampsAndPositionIds() throws Exception {
        String topic = "events-happy";
        CONNECT.kafka().createTopic(topic, 1);
        CONNECT.configureConnector("events-happy", eventsConnector(emulator, topic, "tracker-happy"));
        CONNECT.awaitConnectorRunning("events-happy", 1);

        // offset 0: the seed's tracker batch — milliseconds, seconds and a producer's own event id
        CONNECT.kafka().produce(topic, "u1", "{\"user_id\":\"u1\",\"session_id\":\"s1\",\"event_list\":["
                + "{\"eventType\":\"click\",\"itemId\":\"i1\",\"sentAt\":1700000000123,\"eventValue\":1.5},"
                + "{\"eventType\":\"view\",\"itemId\":\"i2\",\"sentAt\":1700000001},"
                + "{\"eventType\":\"buy\",\"itemId\":\"i3\",\"sentAt\":1700000002,\"eventId\":\"producer-id\"}]}");
        // offset 1: a flat event with an ISO-8601 timestamp; offset 2: camelCase, epoch milliseconds, anonymous
        CONNECT.kafka().produce(topic, "u2", "{\"user_id\":\"u2\",\"session_id\":\"s2\",\"item_id\":\"i4\","
                + "\"event_type\":\"click\",\"timestamp\":\"2023-11-14T23:13:20.250+01:00\"}");
        CONNECT.kafka().produce(topic, "anon", "{\"sessionId\":\"s3\",\"itemId\":\"i5\",\"eventType\":\"view\","
                + "\"sentAt\":1700000003000}");

        List<Seen> expected = List.of(
                new Seen("u1", "s1", "i1", "click", Instant.ofEpochMilli(1_700_000_000_123L),
                        EventIds.fromPosition(topic, 0, 0, 0)),
                new Seen("u1", "s1", "i2", "view", Instant.ofEpochSecond(1_700_000_001L),
                        EventIds.fromPosition(topic, 0, 0, 1)),
                new Seen("u1", "s1", "i3", "buy", Instant.ofEpochSecond(1_700_000_002L), "producer-id"),
                new Seen("u2", "s2", "i4", "click", Instant.parse("2023-11-14T22:13:20.250Z"),
                        EventIds.fromPosition(topic, 0, 1, 0)),
                new Seen(null, "s3", "i5", "view", Instant.ofEpochSecond(1_700_000_003L),
                        EventIds.fromPosition(topic, 0, 2, 0)));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(eventsOf(emulator, "tracker-happy")).hasSize(5));
        List<RecordedEvent> recorded = eventsOf(emulator, "tracker-happy");
        assertThat(recorded).map(Seen::of).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(recorded).filteredOn(e -> "i1".equals(e.itemId())).singleElement()
                .satisfies(e -> assertThat(e.eventValue()).isEqualTo(1.5f));
        assertTaskMetrics("events-happy", 5);
        CONNECT.deleteConnector("events-happy");
    }

    @Test
    void structAndSchemalessJsonInputArriveAlike() {
        String topic = "events-struct";
        CONNECT.kafka().createTopic(topic, 1);
        Map<String, String> config = eventsConnector(emulator, topic, "tracker-struct");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "true");
        CONNECT.configureConnector("events-struct", config);
        CONNECT.awaitConnectorRunning("events-struct", 1);

        String schema = "{\"type\":\"struct\",\"fields\":[{\"field\":\"user_id\",\"type\":\"string\"},"
                + "{\"field\":\"session_id\",\"type\":\"string\"},{\"field\":\"item_id\",\"type\":\"string\"},"
                + "{\"field\":\"event_type\",\"type\":\"string\"},{\"field\":\"timestamp\",\"type\":\"int64\"}]}";
        for (int i = 0; i < 3; i++) {
            CONNECT.kafka().produce(topic, "u", "{\"schema\":" + schema + ",\"payload\":"
                    + flat("u", "s", "struct-" + i, 1_700_000_000_000L + i * 1000) + "}");
        }

        String schemaless = "events-schemaless";
        CONNECT.kafka().createTopic(schemaless, 1);
        Map<String, String> config2 = eventsConnector(emulator, schemaless, "tracker-schemaless");
        config2.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config2.put("value.converter.schemas.enable", "false");
        CONNECT.configureConnector("events-schemaless", config2);
        CONNECT.awaitConnectorRunning("events-schemaless", 1);
        CONNECT.kafka().produce(schemaless, "u", flat("u", "s", "map-0", 1_700_000_000L));

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(eventsOf(emulator, "tracker-struct")).hasSize(3);
            assertThat(eventsOf(emulator, "tracker-schemaless")).hasSize(1);
        });
        assertThat(eventsOf(emulator, "tracker-struct")).extracting(RecordedEvent::itemId, RecordedEvent::sentAtInstant)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("struct-0", Instant.ofEpochSecond(1_700_000_000L)),
                        org.assertj.core.groups.Tuple.tuple("struct-1", Instant.ofEpochSecond(1_700_000_001L)),
                        org.assertj.core.groups.Tuple.tuple("struct-2", Instant.ofEpochSecond(1_700_000_002L)));
        assertThat(eventsOf(emulator, "tracker-schemaless")).singleElement()
                .satisfies(e -> assertThat(e.sentAtInstant()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L)));
        CONNECT.deleteConnector("events-struct");
        CONNECT.deleteConnector("events-schemaless");
    }

    @Test
    void itemsAndUsersArriveWithTheirPropertiesFolded() {
        String itemsArn = "arn:aws:personalize:us-east-1:000000000000:dataset/it/ITEMS";
        String usersArn = "arn:aws:personalize:us-east-1:000000000000:dataset/it/USERS";
        CONNECT.kafka().createTopic("items", 1);
        CONNECT.kafka().createTopic("users", 1);
        Map<String, String> items = connector(emulator, "items", "items");
        items.put("personalize.dataset.arn", itemsArn);
        items.put("record.properties.exclude", "updated_at");
        Map<String, String> users = connector(emulator, "users", "users");
        users.put("personalize.dataset.arn", usersArn);
        CONNECT.configureConnector("items", items);
        CONNECT.configureConnector("users", users);
        CONNECT.awaitConnectorRunning("items", 1);
        CONNECT.awaitConnectorRunning("users", 1);

        for (int i = 0; i < 25; i++) {
            CONNECT.kafka().produce("items", "i" + i, "{\"item_id\":\"i" + i + "\",\"genre\":\"g" + (i % 3)
                    + "\",\"updated_at\":1}");
        }
        CONNECT.kafka().produce("users", "u1", "{\"user_id\":\"u1\",\"properties\":{\"tier\":\"gold\"}}");
        CONNECT.kafka().produce("users", "u2", "{\"user_id\":\"u2\",\"age\":42}");

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(emulator.recorded().items()).hasSize(25);
            assertThat(emulator.recorded().users()).hasSize(2);
        });
        assertThat(emulator.recorded().items()).extracting(RecordedItem::datasetArn, RecordedItem::itemId,
                RecordedItem::properties).containsExactlyInAnyOrderElementsOf(
                java.util.stream.IntStream.range(0, 25).mapToObj(i -> org.assertj.core.groups.Tuple.tuple(itemsArn,
                        "i" + i, "{\"genre\":\"g" + (i % 3) + "\"}")).toList());
        assertThat(emulator.recorded().users()).extracting(RecordedUser::userId, RecordedUser::properties)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("u1", "{\"tier\":\"gold\"}"),
                        org.assertj.core.groups.Tuple.tuple("u2", "{\"age\":42}"));
        CONNECT.deleteConnector("items");
        CONNECT.deleteConnector("users");
    }

    @Test
    void actionsAndActionInteractionsArrive() {
        String actionsArn = "arn:aws:personalize:us-east-1:000000000000:dataset/it/ACTIONS";
        CONNECT.kafka().createTopic("actions", 1);
        CONNECT.kafka().createTopic("action-interactions", 1);
        Map<String, String> actions = connector(emulator, "actions", "actions");
        actions.put("personalize.dataset.arn", actionsArn);
        Map<String, String> interactions = connector(emulator, "action-interactions", "action-interactions");
        interactions.put("personalize.tracking.id", "tracker-actions");
        CONNECT.configureConnector("actions", actions);
        CONNECT.configureConnector("action-interactions", interactions);
        CONNECT.awaitConnectorRunning("actions", 1);
        CONNECT.awaitConnectorRunning("action-interactions", 1);

        CONNECT.kafka().produce("actions", "a1", "{\"action_id\":\"a1\",\"value\":\"high\"}");
        CONNECT.kafka().produce("action-interactions", "u1", "{\"action_id\":\"a1\",\"user_id\":\"u1\","
                + "\"session_id\":\"s1\",\"event_type\":\"Taken\",\"timestamp\":1700000000500}");
        // offset 1: a tracker batch of three interactions (issue 11 item 8: all three arrive, not only the first)
        CONNECT.kafka().produce("action-interactions", "u2", "{\"user_id\":\"u2\",\"session_id\":\"s2\","
                + "\"action_id\":\"a2\",\"event_list\":[{\"eventType\":\"Viewed\",\"sentAt\":1700000001},"
                + "{\"eventType\":\"Taken\",\"sentAt\":1700000002,\"actionId\":\"a3\"},"
                + "{\"eventType\":\"Viewed\",\"sentAt\":1700000003}]}");

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(emulator.recorded().actions()).hasSize(1);
            assertThat(emulator.recorded().actionInteractions()).hasSize(4);
        });
        assertThat(emulator.recorded().actions()).singleElement().satisfies(a -> {
            assertThat(a.actionId()).isEqualTo("a1");
            assertThat(a.properties()).isEqualTo("{\"value\":\"high\"}");
        });
        assertThat(emulator.recorded().actionInteractions()).extracting(RecordedActionInteraction::actionId,
                RecordedActionInteraction::eventType, RecordedActionInteraction::eventId)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("a1", "Taken",
                                EventIds.fromPosition("action-interactions", 0, 0, 0)),
                        org.assertj.core.groups.Tuple.tuple("a2", "Viewed",
                                EventIds.fromPosition("action-interactions", 0, 1, 0)),
                        org.assertj.core.groups.Tuple.tuple("a3", "Taken",
                                EventIds.fromPosition("action-interactions", 0, 1, 1)),
                        org.assertj.core.groups.Tuple.tuple("a2", "Viewed",
                                EventIds.fromPosition("action-interactions", 0, 1, 2)));
        RecordedActionInteraction ai = emulator.recorded().actionInteractions().stream()
                .filter(r -> "a1".equals(r.actionId())).findFirst().orElseThrow();
        assertThat(ai.trackingId()).isEqualTo("tracker-actions");
        assertThat(ai.actionId()).isEqualTo("a1");
        assertThat(ai.timestampInstant()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_500L));
        assertThat(ai.eventId()).isEqualTo(EventIds.fromPosition("action-interactions", 0, 0, 0));
        CONNECT.deleteConnector("actions");
        CONNECT.deleteConnector("action-interactions");
    }

    @Test
    void theRestApiReportsCrossKeyErrorsAgainstTheirKeys() {
        Map<String, String> config = connector(emulator, "any", "items");
        config.put("name", "validate-only");
        config.put("personalize.dataset.arn", "arn:aws:personalize:us-east-1:000000000000:dataset/it/USERS");
        String body = io.lakeloop.event.RecordValues.JSON.valueToTree(config).toString();

        var response = CONNECT.rest("PUT", "/connector-plugins/PersonalizeSinkConnector/config/validate", body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"error_count\":1").contains("is not the ARN of a dataset of kind ITEMS");
    }

    /** The task's own MBean everywhere; on Connect 4.1+ also the runtime's plugin metrics. */
    private static void assertTaskMetrics(String connector, long sent) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName own = new ObjectName("io.lakeloop.connect.personalize:type=personalize-sink-task-metrics,connector="
                + connector + ",task=0");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(server.getAttribute(own, "records-sent-total")).isEqualTo((double) sent));
        assertThat((Double) server.getAttribute(own, "calls-total")).isGreaterThanOrEqualTo(3.0); // three sessions
        boolean pluginMetricsApi = Arrays.stream(SinkTaskContext.class.getMethods())
                .anyMatch(m -> m.getName().equals("pluginMetrics"));
        if (pluginMetricsApi) {
            Set<ObjectName> plugin = server.queryNames(new ObjectName("kafka.connect:*"), null).stream()
                    .filter(n -> connector.equals(n.getKeyProperty("connector")))
                    .filter(n -> hasAttribute(server, n, "records-sent-total")).collect(Collectors.toSet());
            assertThat(plugin).as("plugin metrics of " + connector).isNotEmpty();
            assertThat(server.getAttribute(plugin.iterator().next(), "records-sent-total")).isEqualTo((double) sent);
        }
    }

    private static boolean hasAttribute(MBeanServer server, ObjectName name, String attribute) {
        try {
            return Arrays.stream(server.getMBeanInfo(name).getAttributes()).anyMatch(a -> a.getName().equals(attribute));
        } catch (Exception e) {
            return false;
        }
    }
}
