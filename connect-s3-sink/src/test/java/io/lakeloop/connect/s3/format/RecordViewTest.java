package io.lakeloop.connect.s3.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class RecordViewTest {

    private static RecordView view(String json) {
        return new RecordView(new SinkRecord("t", 0, null, null, null, json, 5, 0L, TimestampType.CREATE_TIME));
    }

    @Test
    void fieldsAreFoundByExactNameThenCaseInsensitivelyAsCsvColumnsAre() throws RenderException {
        RecordView v = view("{\"timestamp\":1,\"Kind\":\"a\",\"kind\":\"b\",\"nested\":{\"x\":2}}");
        assertThat(v.field("TIMESTAMP")).isEqualTo(1);
        assertThat(v.field("kind")).isEqualTo("b");
        assertThat(v.field("nested.x")).isEqualTo(2);
        assertThat(v.field("missing")).isNull();
    }
}
