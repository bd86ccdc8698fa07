package io.lakeloop.connect.s3.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class RecordCheckTest {

    private static SinkRecord record(Object key, Object value, Long ts) {
        return new SinkRecord("t", 0, null, key, null, value, 5, ts, TimestampType.CREATE_TIME);
    }

    @Test
    void theCheckTellsRecordsApartHoldsNoContentAndNeverThrows() {
        String a = RecordCheck.of(record("k", "{\"user\":\"secret-1\"}", 7L));
        assertThat(a).isEqualTo(RecordCheck.of(record("k", "{\"user\":\"secret-1\"}", 7L))).doesNotContain("secret");
        assertThat(a).isNotEqualTo(RecordCheck.of(record("k", "{\"user\":\"secret-2\"}", 7L)))
                .isNotEqualTo(RecordCheck.of(record("k", "{\"user\":\"secret-1\"}", 8L)))
                .isNotEqualTo(RecordCheck.of(record("j", "{\"user\":\"secret-1\"}", 7L)));
        assertThat(RecordCheck.of(record("k", "v".getBytes(), 7L))).isEqualTo(RecordCheck.of(record("k", "v".getBytes(), 7L)));
        Object hostile = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("no");
            }
        };
        assertThat(RecordCheck.of(record(null, Map.of("x", hostile), null))).startsWith("-:0:");
    }
}
