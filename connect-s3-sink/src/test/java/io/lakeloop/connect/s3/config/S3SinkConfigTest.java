package io.lakeloop.connect.s3.config;

import static io.lakeloop.connect.s3.TestRecords.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeloop.connect.s3.S3SinkConnector;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class S3SinkConfigTest {

    @Test
    void defaultsAreTheFirehoseLandingOfJsonLinesGzippedEveryFiveMinutes() {
        S3SinkConfig c = new S3SinkConfig(config());
        assertThat(c.layout()).isEqualTo(S3SinkConfig.Layout.FIREHOSE);
        assertThat(c.format()).isEqualTo(S3SinkConfig.Format.JSONL);
        assertThat(c.gzip()).isTrue();
        assertThat(c.rotateScheduleMs()).isEqualTo(300_000);
        assertThat(c.partSize()).isEqualTo(5 * 1024 * 1024);
        assertThat(c.csvColumns()).containsExactly("USER_ID", "ITEM_ID", "TIMESTAMP", "EVENT_TYPE", "EVENT_VALUE",
                "SESSION_ID", "EVENT_ID");
    }

    @Test
    void badValuesNameTheKey() {
        assertThatThrownBy(() -> new S3SinkConfig(config("s3.part.size.bytes", "1000")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("s3.part.size.bytes");
        assertThatThrownBy(() -> new S3SinkConfig(config("time.zone", "Mars/Olympus")))
                .hasMessageContaining("time.zone");
        assertThatThrownBy(() -> new S3SinkConfig(config("s3.key.prefix", "no/slash")))
                .hasMessageContaining("s3.key.prefix").hasMessageContaining("end with '/'");
        assertThatThrownBy(() -> new S3SinkConfig(config("format.csv.columns", "a,A")))
                .hasMessageContaining("twice");
        Map<String, String> noBucket = config();
        noBucket.remove("s3.bucket");
        assertThatThrownBy(() -> new S3SinkConfig(noBucket)).hasMessageContaining("s3.bucket");
    }

    @Test
    void crossKeyRulesNameTheKeyTheyConcern() {
        assertThatThrownBy(() -> new S3SinkConfig(config("time.source", "field")).checkCrossKeyRules())
                .hasMessageContaining("time.field");
        assertThatThrownBy(() -> new S3SinkConfig(config("s3.sse.kms.key.id", "k")).checkCrossKeyRules())
                .hasMessageContaining("s3.sse.kms.key.id");
        assertThatThrownBy(() -> new S3SinkConfig(config("s3.key.hive.table", "a/b", "s3.key.layout", "hive"))
                .checkCrossKeyRules()).hasMessageContaining("s3.key.hive");
        Map<String, String> noSecret = config();
        noSecret.remove("aws.secret.access.key");
        assertThatThrownBy(() -> new S3SinkConfig(noSecret).checkCrossKeyRules())
                .hasMessageContaining("aws.secret.access.key");
    }

    @Test
    void validateReportsCrossKeyErrorsOnTheirKey() {
        List<ConfigValue> values = new S3SinkConnector().validate(config("s3.key.layout", "custom",
                "s3.key.template", "x/{topic}")).configValues();
        assertThat(values).filteredOn(v -> v.name().equals("s3.key.template")).singleElement()
                .satisfies(v -> assertThat(v.errorMessages()).singleElement().asString()
                        .contains("{partition}"));
    }

    @Test
    void noKeyDefaultsToAPipelinesPathAndALayoutsOwnKeysAreRequired() {
        Map<String, String> bare = config();
        bare.remove("s3.key.prefix");
        bare.remove("s3.key.hive.dataset");
        bare.remove("s3.key.hive.table");
        S3SinkConfig firehose = new S3SinkConfig(bare);
        assertThatThrownBy(firehose::checkCrossKeyRules).isInstanceOf(ConfigException.class)
                .hasMessageContaining("s3.key.prefix").hasMessageContaining("required with s3.key.layout=firehose");
        bare.put("s3.key.layout", "hive");
        bare.put("s3.key.hive.table", "t");
        assertThatThrownBy(() -> new S3SinkConfig(bare).checkCrossKeyRules())
                .hasMessageContaining("s3.key.hive.dataset").hasMessageContaining("required with s3.key.layout=hive");
        List<ConfigValue> values = new S3SinkConnector().validate(bare).configValues();
        assertThat(values).filteredOn(v -> v.name().equals("s3.key.hive.dataset")).singleElement()
                .satisfies(v -> assertThat(v.errorMessages()).isNotEmpty());
        for (var key : S3SinkConfig.configDef().configKeys().values()) {
            assertThat(String.valueOf(key.defaultValue)).as(key.name)
                    .doesNotContain("crm", "dashboard", "t200", "restricted");
        }
    }
}
