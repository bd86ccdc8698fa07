package io.lakeloop.connect.personalize;

import static io.lakeloop.connect.personalize.TestRecords.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakeloop.connect.personalize.config.PersonalizeSinkConfig;
import io.lakeloop.connect.personalize.mapping.Mapped;
import io.lakeloop.event.Rejection;
import io.lakeloop.event.ReasonCode;
import io.lakeloop.testkit.HostileCorpus;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.personalizeevents.model.Event;

/**
 * The hostile corpus's far-future event ({@code "timestamp":253402300799}, 9999-12-31T23:59:59Z if it is seconds) under
 * each {@code timestamp.unit}: the number is ambiguous, and the unit the user configures decides it. Under the default
 * {@code auto} rule (shared with the collator, the S3 sink and the exporter) numbers of 1e11 and more are milliseconds,
 * so it is sent dated 1978-01-11; a user whose producers send epoch seconds sets {@code seconds} and gets it
 * dead-lettered as in the future.
 */
class TimestampUnitTest {

    private static final byte[] FAR_FUTURE =
            HostileCorpus.byName().get(HostileCorpus.FAR_FUTURE_EVENT_TIME).value();
    private static final Instant AS_MILLISECONDS = Instant.parse("1978-01-11T21:31:40.799Z");

    private static Mapped map(String unit) {
        Map<String, String> props = new HashMap<>();
        props.put("topics", "interactions");
        props.put(PersonalizeSinkConfig.TRACKING_ID_CONFIG, "tracker-1");
        if (unit != null) {
            props.put(PersonalizeSinkConfig.TIMESTAMP_UNIT_CONFIG, unit);
        }
        return Mappers.forConfig(new PersonalizeSinkConfig(props)).map(record("interactions", 0, 5, FAR_FUTURE));
    }

    private static Instant sentAt(Mapped mapped) {
        assertThat(mapped.rejections()).isEmpty();
        assertThat(mapped.parts()).hasSize(1);
        return ((Event) mapped.parts().get(0).payload()).sentAt();
    }

    @Test
    void byDefaultTheYear9999InSecondsIsReadAsMillisecondsAndSentDated1978() {
        assertThat(sentAt(map(null))).isEqualTo(AS_MILLISECONDS);
        assertThat(sentAt(map("auto"))).isEqualTo(AS_MILLISECONDS);
    }

    @Test
    void millisecondsReadsItAs1978Too() {
        assertThat(sentAt(map("milliseconds"))).isEqualTo(AS_MILLISECONDS);
    }

    @Test
    void secondsRejectsItAsInTheFutureNamingTheField() {
        Mapped mapped = map("seconds");

        assertThat(mapped.parts()).isEmpty();
        assertThat(mapped.rejections()).extracting(Rejection::code).containsExactly(ReasonCode.TIMESTAMP_IN_FUTURE);
        assertThat(mapped.rejections().get(0).field()).isEqualTo("timestamp");
        assertThat(mapped.rejections().get(0).message()).doesNotContain("253402300799");
    }
}
