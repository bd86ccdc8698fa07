package io.lakeloop.connect.s3.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class JsonLinesFormatTest {

    private final JsonLinesFormat format = new JsonLinesFormat();

    private static RecordView view(Object value) {
        return new RecordView(new SinkRecord("t", 0, null, null, null, value, 5, 0L, TimestampType.CREATE_TIME));
    }

    private String render(Object value) throws RenderException {
        return new String(format.render(view(value)), StandardCharsets.UTF_8);
    }

    @Test
    void jsonTextIsWrittenByteForByteAsItCame() throws RenderException {
        String json = "{\"user_id\":\"u1\", \"event_list\":[{\"eventType\":\"click\",\"sentAt\":1.70e9}],\"z\":null}";
        assertThat(render(json)).isEqualTo(json + "\n");
        assertThat(render(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(json + "\n");
        assertThat(render(ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)))).isEqualTo(json + "\n");
        assertThat(render("\"just a string\"")).isEqualTo("\"just a string\"\n");
    }

    @Test
    void jsonSpanningLinesIsPutOnOneLine() throws RenderException {
        assertThat(render("{\n  \"a\": 1,\n  \"b\": [1, 2]\n}")).isEqualTo("{\"a\":1,\"b\":[1,2]}\n");
    }

    @Test
    void connectDataIsRenderedAsJson() throws RenderException {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("user_id", "u1");
        map.put("n", 3);
        map.put("list", List.of(1, "x"));
        assertThat(render(map)).isEqualTo("{\"user_id\":\"u1\",\"n\":3,\"list\":[1,\"x\"]}\n");

        Schema schema = SchemaBuilder.struct().field("user_id", Schema.STRING_SCHEMA)
                .field("event_value", Schema.OPTIONAL_FLOAT64_SCHEMA).build();
        Struct struct = new Struct(schema).put("user_id", "u2").put("event_value", 1.5);
        assertThat(render(struct)).isEqualTo("{\"user_id\":\"u2\",\"event_value\":1.5}\n");
    }

    @Test
    void valuesThatAreNotJsonAreRenderErrorsWithoutTheirContent() {
        assertThatThrownBy(() -> render("not json secret-user-42")).isInstanceOf(RenderException.class)
                .hasMessageContaining("not valid JSON").hasMessageNotContaining("secret-user-42");
        assertThatThrownBy(() -> render("{\"a\":1} {\"b\":2}")).hasMessageContaining("more than one JSON value");
        assertThatThrownBy(() -> render("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> render(new byte[] {(byte) 0xff, 0x00})).isInstanceOf(RenderException.class);
        assertThatThrownBy(() -> render(null)).hasMessageContaining("tombstone");
    }

    @Test
    void jsonBeyondJacksonsReadLimitsIsARenderErrorNamingTheLimit() {
        String deep = "{\"user_id\":\"secret-user\",\"x\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}";
        assertThatThrownBy(() -> render(deep)).isInstanceOf(RenderException.class)
                .hasMessageContaining("exceeds a JSON read limit").hasMessageContaining("nesting depth")
                .hasMessageNotContaining("secret-user");
        assertThatThrownBy(() -> render(deep.getBytes(StandardCharsets.UTF_8))).isInstanceOf(RenderException.class);
        String longNumber = "{\"event_value\":" + "7".repeat(2_000) + "}";
        assertThatThrownBy(() -> render(longNumber)).isInstanceOf(RenderException.class)
                .hasMessageContaining("exceeds a JSON read limit").hasMessageNotContaining("7777777");
    }
}
