package io.lakeloop.streams.collator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeloop.event.EventField;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollatorConfigTest {

    static Map<String, Object> minimal() {
        Map<String, Object> m = new HashMap<>();
        m.put("bootstrap.servers", "b:9092");
        return m;
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        CollatorConfig c = CollatorConfig.of(minimal());

        assertThat(c.inputTopics()).containsExactly("interactions");
        assertThat(c.outputTopic()).isEqualTo("lake.interactions");
        assertThat(c.dlqTopic()).isEqualTo("interactions.dlq");
        assertThat(c.dedupeRetention()).isEqualTo(Duration.ofHours(24));
        assertThat(c.repartitionByUser()).isTrue();
        assertThat(c.timestampReference()).isEqualTo(CollatorConfig.TimestampReference.RECORD);
        assertThat(c.httpPort()).isEqualTo(8090);
        Properties streams = c.streamsProperties();
        assertThat(streams.getProperty(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("lakeloop-collator");
        assertThat(streams.getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo("exactly_once_v2");
        assertThat(streams.getProperty("bootstrap.servers")).isEqualTo("b:9092");
        assertThat(streams.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(1000);
        assertThat(streams.get("producer.batch.size")).isEqualTo(262_144);
        assertThat(streams.stringPropertyNames()).noneMatch(k -> k.startsWith("collator."));
    }

    @Test
    void streamsKeysPassThroughAndOverrideTheDefaults() {
        Map<String, Object> m = minimal();
        m.put("processing.guarantee", "at_least_once");
        m.put("num.standby.replicas", "1");
        m.put("application.id", "my-collator");

        CollatorConfig c = CollatorConfig.of(m);

        assertThat(c.streamsProperties()).containsEntry("processing.guarantee", "at_least_once")
                .containsEntry("num.standby.replicas", "1");
        assertThat(c.applicationId()).isEqualTo("my-collator");
    }

    @Test
    void userBatchSizeInEitherFormWinsOverTheCollatorsDefault() {
        Map<String, Object> plain = minimal();
        plain.put("batch.size", "1000");
        Map<String, Object> prefixed = minimal();
        prefixed.put("producer.batch.size", "2000");

        assertThat(CollatorConfig.of(plain).streamsProperties()).containsEntry("batch.size", "1000")
                .doesNotContainKey("producer.batch.size");
        assertThat(CollatorConfig.of(prefixed).streamsProperties()).containsEntry("producer.batch.size", "2000");
    }

    @Test
    void badValuesFailNamingTheKey() {
        Map<String, Object> m = minimal();
        m.put(CollatorConfig.DEDUPE_RETENTION_CONFIG, "5");
        assertThatThrownBy(() -> CollatorConfig.of(m)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(CollatorConfig.DEDUPE_RETENTION_CONFIG);

        Map<String, Object> unit = minimal();
        unit.put(CollatorConfig.TIMESTAMP_UNIT_CONFIG, "fortnights");
        assertThatThrownBy(() -> CollatorConfig.of(unit)).hasMessageContaining(CollatorConfig.TIMESTAMP_UNIT_CONFIG);

        Map<String, Object> typo = minimal();
        typo.put("collator.dedupe.retention", "1000");
        assertThatThrownBy(() -> CollatorConfig.of(typo)).hasMessageContaining("collator.dedupe.retention")
                .hasMessageContaining("unknown");

        Map<String, Object> clash = minimal();
        clash.put(CollatorConfig.OUTPUT_TOPIC_CONFIG, "interactions");
        assertThatThrownBy(() -> CollatorConfig.of(clash)).hasMessageContaining(CollatorConfig.OUTPUT_TOPIC_CONFIG);

        Map<String, Object> guarantee = minimal();
        guarantee.put("processing.guarantee", "maybe_once");
        assertThatThrownBy(() -> CollatorConfig.of(guarantee)).hasMessageContaining("processing.guarantee");

        assertThatThrownBy(() -> CollatorConfig.of(Map.of())).hasMessageContaining("bootstrap.servers");
    }

    @Test
    void fieldKeysRenameFields() {
        Map<String, Object> m = minimal();
        m.put(CollatorConfig.fieldKey(EventField.USER_ID), "customer, customer_id");

        assertThat(CollatorConfig.of(m).fieldNames().namesOf(EventField.USER_ID))
                .containsExactly("customer", "customer_id");
        assertThat(CollatorConfig.fieldKey(EventField.METRIC_ATTRIBUTION)).isEqualTo("collator.field.metric.attribution");
    }

    @Test
    void everyKeyIsFullyDocumented() {
        for (ConfigDef.ConfigKey key : CollatorConfig.CONFIG_DEF.configKeys().values()) {
            assertThat(key.name).startsWith(CollatorConfig.PREFIX);
            assertThat(key.documentation).as(key.name).isNotBlank();
            assertThat(key.group).as(key.name).isNotBlank();
            assertThat(key.displayName).as(key.name).isNotBlank();
            assertThat(key.hasDefault()).as(key.name).isTrue();
        }
    }

    @Test
    void environmentVariablesMapToKeys() {
        assertThat(ConfigSources.keyOf("BOOTSTRAP_SERVERS")).isEqualTo("bootstrap.servers");
        assertThat(ConfigSources.keyOf("PROCESSING_GUARANTEE")).isEqualTo("processing.guarantee");
        assertThat(ConfigSources.keyOf("DEDUPE_RETENTION_MS")).isEqualTo("collator.dedupe.retention.ms");
        assertThat(ConfigSources.keyOf("COLLATOR_HTTP_PORT")).isEqualTo("collator.http.port");
        assertThat(ConfigSources.keyOf("FIELD_USER_ID")).isEqualTo("collator.field.user.id");
        assertThat(ConfigSources.keyOf("SOME__KEY___WITH_DASH")).isEqualTo("some_key-with.dash");
    }

    @Test
    void environmentOverridesTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.properties");
        Files.writeString(file, "bootstrap.servers=file:9092\ncollator.http.port=1\napplication.id=from-file\n",
                StandardCharsets.UTF_8);

        Properties p = ConfigSources.load(file, Map.of("LAKELOOP_COLLATOR_BOOTSTRAP_SERVERS", "env:9092",
                "LAKELOOP_COLLATOR_HTTP_PORT", "2", "OTHER", "x", "LAKELOOP_COLLATOR_", "ignored"));

        assertThat(p).containsEntry("bootstrap.servers", "env:9092").containsEntry("collator.http.port", "2")
                .containsEntry("application.id", "from-file").hasSize(3);
        assertThatThrownBy(() -> ConfigSources.load(dir.resolve("missing.properties"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("missing.properties");
    }

    @Test
    void exampleConfigIsValid() throws Exception {
        Path example = Path.of("..", "config", "streams-collator.properties");
        CollatorConfig c = CollatorConfig.of(ConfigSources.load(example, Map.of()));

        assertThat(c.inputTopics()).containsExactly("interactions");
        assertThat(c.streamsProperties().getProperty("processing.guarantee")).isEqualTo("exactly_once_v2");
    }
}
