package io.lakeloop.connect.personalize.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakeloop.connect.personalize.PersonalizeSinkConnector;
import io.lakeloop.event.RecordValues;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The example configs in {@code config/} are in the REST API's shape and pass the connector's validation. */
class ExampleConfigsTest {

    @ParameterizedTest
    @ValueSource(strings = {"personalize-events-sink.json", "personalize-items-sink.json", "personalize-users-sink.json"})
    void exampleConfigIsValid(String file) throws IOException {
        JsonNode root = RecordValues.JSON.readTree(Path.of("..", "config", file).toFile());
        assertThat(root.path("name").asText()).isNotBlank();
        Map<String, String> config = new HashMap<>();
        root.path("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
        assertThat(config).containsEntry("connector.class", PersonalizeSinkConnector.class.getName());

        for (ConfigValue v : new PersonalizeSinkConnector().validate(config).configValues()) {
            assertThat(v.errorMessages()).as(file + ": " + v.name()).isEmpty();
        }
    }
}
