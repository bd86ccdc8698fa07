package io.lakeloop.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ConnectClusterExtensionIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    static final ConnectClusterExtension CONNECT = ConnectClusterExtension.create();

    @Test
    void sinkDeployedThroughRestReceivesRecordsAndReportsPoisonToTheDeadLetterTopic() {
        CONNECT.kafka().createTopic("in", 2);
        Map<String, String> config = new HashMap<>(ConnectClusterExtension.deadLetterQueueConfig("in.dlq"));
        config.put("connector.class", CollectingSinkConnector.class.getName());
        config.put("topics", "in");
        config.put("tasks.max", "2");

        CONNECT.configureConnector("collect", config);
        CONNECT.awaitConnectorRunning("collect", 2);
        CONNECT.kafka().produce("in", "u1", "a");
        CONNECT.kafka().produce("in", "u2", "poison");
        CONNECT.kafka().produce("in", "u3", "b");

        await().atMost(TIMEOUT).untilAsserted(() ->
                assertThat(CollectingSinkTask.RECEIVED).filteredOn(s -> s.startsWith("in:")).containsExactlyInAnyOrder("in:u1=a", "in:u3=b"));
        List<KafkaRecord> dead = CONNECT.readDeadLetters("in.dlq", 1, TIMEOUT);
        assertThat(dead).singleElement().satisfies(r -> {
            assertThat(r.value()).isEqualTo("poison");
            assertThat(r.header("__connect.errors.topic")).isEqualTo("in");
            assertThat(r.header("__connect.errors.exception.message")).isEqualTo("poison value");
        });
        assertThat(CONNECT.rest("GET", "/connectors/collect/status", null))
                .satisfies(response -> assertThat(response.statusCode()).isEqualTo(200))
                .satisfies(response -> assertThat(response.body()).contains("\"state\":\"RUNNING\""));
        assertThat(CONNECT.rest("GET", "/connectors/missing/status", null).statusCode()).isEqualTo(404);
    }

    @Test
    void tasksSurviveAWorkerRestart() {
        CONNECT.kafka().createTopic("restart", 1);
        CONNECT.configureConnector("restart", Map.of(
                "connector.class", CollectingSinkConnector.class.getName(), "topics", "restart", "tasks.max", "1"));
        CONNECT.awaitConnectorRunning("restart", 1);

        CONNECT.restartWorker();
        CONNECT.awaitConnectorRunning("restart", 1);
        CONNECT.kafka().produce("restart", "k", "after-restart");

        await().atMost(TIMEOUT).untilAsserted(() ->
                assertThat(CollectingSinkTask.RECEIVED).contains("restart:k=after-restart"));
    }
}
