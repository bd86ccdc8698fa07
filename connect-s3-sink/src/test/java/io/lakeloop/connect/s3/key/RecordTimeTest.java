package io.lakeloop.connect.s3.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeloop.connect.s3.config.S3SinkConfig.TimeSource;
import io.lakeloop.connect.s3.format.RecordView;
import io.lakeloop.connect.s3.format.RenderException;
import io.lakeloop.event.TimestampUnit;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class RecordTimeTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T00:00:00Z"), ZoneOffset.UTC);

    private static RecordView view(long timestamp) {
        return new RecordView(new SinkRecord("t", 0, null, null, null, "{\"TIMESTAMP\":" + timestamp + "}", 5, 0L,
                TimestampType.CREATE_TIME));
    }

    @Test
    void aFieldInSecondsIsNeverTakenForMillisecondsWhenTheUnitIsSet() throws RenderException {
        RecordTime seconds = new RecordTime(TimeSource.FIELD, "TIMESTAMP", TimestampUnit.SECONDS, CLOCK);
        RecordTime auto = new RecordTime(TimeSource.FIELD, "TIMESTAMP", CLOCK);
        long year9999 = 253_402_300_799L;
        assertThat(Instant.ofEpochMilli(auto.of(view(year9999)))).as("auto reads it as milliseconds, in 1978")
                .isBefore(Instant.parse("1980-01-01T00:00:00Z"));
        assertThatThrownBy(() -> seconds.of(view(year9999))).isInstanceOf(RenderException.class)
                .hasMessageContaining("in the future");
        long year2900 = Instant.parse("2900-01-01T00:00:00Z").getEpochSecond();
        assertThat(Instant.ofEpochMilli(seconds.of(view(year2900)))).isEqualTo("2900-01-01T00:00:00Z");
    }
}
