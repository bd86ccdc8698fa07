package io.lakeloop.connect.s3.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import io.lakeloop.connect.s3.S3SinkConnector;
import io.lakeloop.event.RecordValues;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExampleConfigsTest {

    record ConnectorJson(String name, Map<String, String> config) {
    }

    @ParameterizedTest
    @CsvSource({
            "s3-upstream-sink.json, interactions, FIREHOSE, RAW, upstream",
            "s3-lake-sink.json, lake.interactions, HIVE, CSV, lake"})
    void exampleConfigsAreValidAndSayWhatTheyPromise(String file, String topic, String layout, String format,
                                                     String bucket) throws IOException {
        ConnectorJson json = RecordValues.JSON.readValue(Path.of("..", "config", file).toFile(), new TypeReference<>() {
        });
        assertThat(json.name()).isNotBlank();
        assertThat(json.config()).containsEntry("topics", topic)
                .containsEntry("connector.class", S3SinkConnector.class.getName());
        Map<String, String> withName = new java.util.HashMap<>(json.config());
        withName.put("name", json.name());
        for (ConfigValue v : new S3SinkConnector().validate(withName).configValues()) {
            assertThat(v.errorMessages()).as(v.name()).isEmpty();
        }
        S3SinkConfig config = new S3SinkConfig(withName);
        config.checkCrossKeyRules();
        assertThat(config.layout()).hasToString(layout);
        assertThat(config.format()).hasToString(format);
        assertThat(config.bucket()).isEqualTo(bucket);
        assertThat(config.gzip()).isTrue();
    }
}
