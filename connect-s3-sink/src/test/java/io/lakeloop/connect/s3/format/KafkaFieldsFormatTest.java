package io.lakeloop.connect.s3.format;

import static io.lakeloop.connect.s3.TestRecords.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakeloop.connect.s3.config.S3SinkConfig;
import io.lakeloop.event.RecordValues;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class KafkaFieldsFormatTest {

    private static RecordView view(Object key, String value) {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString("trace", "t-1");
        headers.addBytes("bin", new byte[] {(byte) 0xFF, (byte) 0xFE, 0});
        return new RecordView(new SinkRecord("t", 0, null, key, null, value, 5, 0L, TimestampType.CREATE_TIME,
                headers));
    }

    @Test
    void aJsonLineCarriesTheKeyAndHeadersBesideTheValueAsItCame() throws Exception {
        RecordFormat format = RecordFormat.of(new S3SinkConfig(config("store.kafka.keys", "true",
                "store.kafka.headers", "true")));
        String value = "{\"b\": 1,  \"a\":[1, 2]}";
        byte[] line = format.render(view(new byte[] {'u', '1'}, value));
        String text = new String(line, StandardCharsets.UTF_8);
        assertThat(text).endsWith(",\"value\":" + value + "}\n");
        JsonNode node = RecordValues.JSON.readTree(text);
        assertThat(node.path("key").asText()).isEqualTo("u1");
        assertThat(node.path("headers").get(0).path("name").asText()).isEqualTo("trace");
        assertThat(node.path("headers").get(0).path("value").asText()).isEqualTo("t-1");
        assertThat(node.path("headers").get(1).path("value").asText()).isEqualTo("base64://4A");
        byte[] nullKey = format.render(view(null, "1"));
        assertThat(RecordValues.JSON.readTree(nullKey).path("key").isNull()).isTrue();
    }

    @Test
    void aCsvRowGetsKeyAndHeaderColumnsAfterTheConfiguredOnes() throws Exception {
        RecordFormat format = RecordFormat.of(new S3SinkConfig(config("format", "csv", "format.csv.columns", "id",
                "store.kafka.keys", "true", "store.kafka.headers", "true")));
        String csv = new String(format.header(), StandardCharsets.UTF_8)
                + new String(format.render(view("k,1", "{\"id\":\"a\"}")), StandardCharsets.UTF_8);
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().get().parse(new StringReader(csv)).getRecords();
        assertThat(rows.get(0).toList()).containsExactly("id", "_key", "_headers");
        assertThat(rows.get(1).get(0)).isEqualTo("a");
        assertThat(rows.get(1).get(1)).isEqualTo("k,1");
        assertThat(RecordValues.JSON.readTree(rows.get(1).get(2)).size()).isEqualTo(2);
    }

    @Test
    void theRawFormatStoresValuesOnly() {
        assertThatThrownBy(() -> new S3SinkConfig(config("format", "raw", "store.kafka.keys", "true"))
                .checkCrossKeyRules()).hasMessageContaining("store.kafka.keys").hasMessageContaining("format=raw");
    }
}
