package io.lakeloop.connect.personalize.it;

import static io.lakeloop.connect.personalize.it.SinkFixtures.TIMEOUT;
import static io.lakeloop.connect.personalize.it.SinkFixtures.eventsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lakeloop.connect.personalize.PersonalizeSinkConnector;
import io.lakeloop.emulator.PersonalizeEmulator;
import io.lakeloop.emulator.RecordedEvent;
import io.lakeloop.event.RecordValues;
import io.lakeloop.testkit.EmulatorExtension;
import io.lakeloop.testkit.ConnectClusterExtension;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 15: a connector JSON written for aws/personalize-kafka-connector (its keys, its camelCase flat events in
 * epoch milliseconds) runs here once connector.class is changed: the REST validation passes, the tasks get the
 * translated keys (the per-task rate as a connector-wide one) and the events arrive.
 */
@Tag("runtime-independent") // not rerun on Connect 3.7.2 by .ci/run: what it checks is the plugin's own logic
class LegacyConfigIT {

    @RegisterExtension
    static final ConnectClusterExtension CONNECT = ConnectClusterExtension.create();

    @RegisterExtension
    static final EmulatorExtension PERSONALIZE = EmulatorExtension.create();

    private static PersonalizeEmulator emulator;

    @BeforeAll
    static void emulator() {
        emulator = PERSONALIZE.emulator();
    }

    private static Map<String, String> theirConfig() {
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", PersonalizeSinkConnector.class.getName()); // the one line to change
        c.put("topics", "legacy");
        c.put("tasks.max", "2");
        c.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        c.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        c.put("value.converter.schemas.enable", "false");
        c.put("aws.region.name", EmulatorExtension.REGION);
        c.put("aws.access.key", EmulatorExtension.ACCESS_KEY);
        c.put("aws.secret.key", EmulatorExtension.SECRET_KEY);
        c.put("amazon.personalize.data.type", "events");
        c.put("amazon.personalize.event.tracking.id", "tracker-legacy");
        c.put("record.rate.limit", "5");
        c.put("max.retries", "2");
        c.put("aws.endpoint", emulator.endpoint().toString()); // the emulator instead of AWS
        return c;
    }

    @Test
    void theirConnectorJsonValidatesRunsAndDelivers() throws Exception {
        Map<String, String> config = theirConfig();
        Map<String, String> withName = new HashMap<>(config);
        withName.put("name", "legacy");
        var validation = CONNECT.rest("PUT", "/connector-plugins/PersonalizeSinkConnector/config/validate",
                RecordValues.JSON.writeValueAsString(withName));
        assertThat(validation.statusCode()).isEqualTo(200);
        assertThat(validation.body()).contains("\"error_count\":0");

        CONNECT.kafka().createTopic("legacy", 2);
        CONNECT.configureConnector("legacy", config);
        CONNECT.awaitConnectorRunning("legacy", 2);
        for (int i = 0; i < 10; i++) {
            CONNECT.kafka().produce("legacy", "u" + i, "{\"userId\":\"u" + i + "\",\"sessionId\":\"s" + i + "\","
                    + "\"eventType\":\"click\",\"itemId\":\"legacy-" + i + "\",\"sentAt\":" + (1_700_000_000_000L + i)
                    + ",\"eventId\":\"e-" + i + "\"}");
        }

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(eventsOf(emulator, "tracker-legacy"))
                .extracting(RecordedEvent::eventId).containsExactlyInAnyOrder("e-0", "e-1", "e-2", "e-3", "e-4", "e-5",
                        "e-6", "e-7", "e-8", "e-9"));
        assertThat(eventsOf(emulator, "tracker-legacy")).filteredOn(e -> "e-3".equals(e.eventId())).singleElement()
                .satisfies(e -> assertThat(e.sentAtInstant().toEpochMilli()).isEqualTo(1_700_000_000_003L));
        String tasks = CONNECT.rest("GET", "/connectors/legacy/tasks", null).body();
        assertThat(tasks).contains("\"rate.limit.requests.per.second\":\"10.0\"")
                .contains("\"lakeloop.internal.task.rate.limit\":\"5.0\"").doesNotContain("record.rate.limit");
        CONNECT.deleteConnector("legacy");
    }
}
