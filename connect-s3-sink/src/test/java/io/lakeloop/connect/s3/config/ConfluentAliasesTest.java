package io.lakeloop.connect.s3.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeloop.connect.s3.S3SinkConnector;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class ConfluentAliasesTest {

    /** The keys of a Confluent S3 sink config, as users have them, with only connector.class changed. */
    private static Map<String, String> confluent() {
        Map<String, String> c = new HashMap<>();
        c.put("name", "migrated");
        c.put("connector.class", S3SinkConnector.class.getName());
        c.put("s3.bucket.name", "acme-upstream");
        c.put("s3.region", "eu-west-1");
        c.put("flush.size", "1000");
        c.put("rotate.schedule.interval.ms", "600000");
        c.put("format.class", "io.confluent.connect.s3.format.bytearray.ByteArrayFormat");
        c.put("s3.compression.type", "gzip");
        c.put("s3.part.size", "26214400");
        c.put("timezone", "UTC");
        c.put("timestamp.extractor", "Record");
        c.put("s3.key.prefix", "raw/");
        c.put("aws.credentials.provider", "static");
        c.put("aws.access.key.id", "k");
        c.put("aws.secret.access.key", "s");
        return c;
    }

    @Test
    void aConfluentConfigRunsWithTheKeysItMeans() {
        S3SinkConfig config = new S3SinkConfig(confluent());
        config.checkCrossKeyRules();
        assertThat(config.bucket()).isEqualTo("acme-upstream");
        assertThat(config.awsSettings().region()).isEqualTo("eu-west-1");
        assertThat(config.rotateRecords()).isEqualTo(1000);
        assertThat(config.format()).isEqualTo(S3SinkConfig.Format.RAW);
        assertThat(config.gzip()).isTrue();
        assertThat(config.partSize()).isEqualTo(26_214_400);
        assertThat(config.timeSource()).isEqualTo(S3SinkConfig.TimeSource.RECORD);
        assertThat(new S3SinkConnector().validate(confluent()).configValues())
                .allSatisfy(v -> assertThat(v.errorMessages()).as(v.name()).isEmpty());
    }

    @Test
    void anAliasDisagreeingWithItsKeyOrAKeyWhoseMeaningDiffersFailsNamingWhatToUse() {
        Map<String, String> both = confluent();
        both.put("s3.bucket", "other");
        assertThatThrownBy(() -> new S3SinkConfig(both)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("s3.bucket.name").hasMessageContaining("alias of s3.bucket");
        Map<String, String> partitioner = confluent();
        partitioner.put("partitioner.class", "io.confluent.connect.storage.partitioner.TimeBasedPartitioner");
        assertThatThrownBy(() -> new S3SinkConfig(partitioner)).hasMessageContaining("partitioner.class")
                .hasMessageContaining("s3.key.template");
        List<ConfigValue> values = new S3SinkConnector().validate(partitioner).configValues();
        assertThat(values.stream().mapToLong(v -> v.errorMessages().size()).sum()).isPositive();
        Map<String, String> avro = confluent();
        avro.put("format.class", "io.confluent.connect.s3.format.avro.AvroFormat");
        List<ConfigValue> avroValues = new S3SinkConnector().validate(avro).configValues();
        assertThat(avroValues).filteredOn(v -> v.name().equals("format")).singleElement()
                .satisfies(v -> assertThat(v.errorMessages()).singleElement().asString().contains("format.class"));
    }

    @Test
    void everyAliasStandsForADefinedKey() {
        assertThat(S3SinkConfig.configDef().names()).containsAll(ConfluentAliases.aliases().values());
        assertThat(ConfluentAliases.aliases().keySet()).doesNotContainAnyElementsOf(S3SinkConfig.configDef().names());
    }
}
