package io.lakeloop.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.record.AbstractRecords;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

/** The corpus is what its names say: each hostile property checked on the bytes themselves. */
class HostileCorpusTest {

    private static final Map<String, HostileRecord> CORPUS = HostileCorpus.byName();
    private static final ObjectMapper PLAIN_JSON = new ObjectMapper();

    @Test
    void deepNestingIsFiveThousandLevelsInAboutTenKilobytes() {
        String value = text(HostileCorpus.DEEP_NESTING);
        assertThat(value.chars().filter(c -> c == '[').count()).isEqualTo(5_000);
        assertThat(value.length()).isBetween(10_000, 11_000);
    }

    @Test
    void theHugeRecordsAreOneMebibyteLessTwoKibibytesAndTheValidOneIsJson() throws Exception {
        assertThat(CORPUS.get(HostileCorpus.HUGE_VALID).value()).hasSize(HostileCorpus.HUGE_VALUE_BYTES);
        assertThat(CORPUS.get(HostileCorpus.HUGE_INVALID).value()).hasSize(HostileCorpus.HUGE_VALUE_BYTES);
        assertThat(PLAIN_JSON.readTree(text(HostileCorpus.HUGE_VALID)).path("properties").path("blob").asText())
                .hasSizeGreaterThan(HostileCorpus.HUGE_VALUE_BYTES - 300);
        assertThatThrownBy(() -> PLAIN_JSON.readTree(text(HostileCorpus.HUGE_INVALID))).isNotNull();
    }

    @Test
    void everyRecordFitsADefaultProducerRequest() {
        for (HostileRecord r : HostileCorpus.records()) {
            Header[] headers = r.headers().stream().map(h -> new RecordHeader(h.name(), h.value()))
                    .toArray(Header[]::new);
            int size = AbstractRecords.estimateSizeInBytesUpperBound(RecordBatch.CURRENT_MAGIC_VALUE,
                    CompressionType.NONE, r.key(), r.value(), headers);
            assertThat(size).as(r.name()).isLessThan(1024 * 1024);
        }
    }

    @Test
    void theInvalidUtf8RecordReallyIsNotUtf8() {
        byte[] value = CORPUS.get(HostileCorpus.INVALID_UTF8).value();
        assertThatThrownBy(() -> StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(value)))
                .isInstanceOf(CharacterCodingException.class);
        assertThatThrownBy(() -> StandardCharsets.UTF_8.newDecoder()
                .decode(ByteBuffer.wrap(CORPUS.get(HostileCorpus.NON_UTF8_HEADER).headers().get(0).value())))
                .isInstanceOf(CharacterCodingException.class);
    }

    @Test
    void theValidJsonEntriesParseAndCarryTheirHostileField() throws Exception {
        assertThat(PLAIN_JSON.readTree(text(HostileCorpus.LONE_SURROGATE)).path("item_id").asText())
                .isEqualTo("\ud800");
        assertThat(PLAIN_JSON.readTree(text(HostileCorpus.ESCAPED_NUL)).path("session_id").asText())
                .isEqualTo("s\u0000t");
        assertThat(PLAIN_JSON.readTree(text(HostileCorpus.FAR_FUTURE_EVENT_TIME)).path("timestamp").asLong())
                .isEqualTo(253_402_300_799L);
        assertThat(PLAIN_JSON.readTree(text(HostileCorpus.PRE_EPOCH)).path("timestamp").asLong()).isNegative();
        assertThat(PLAIN_JSON.readTree(text(HostileCorpus.BATCH_ONE_BAD)).path("event_list")).hasSize(2);
        assertThat(PLAIN_JSON.readTree(text(HostileCorpus.NULL_KEY)).path("event_id").asText())
                .isEqualTo("h-null-key");
        assertThat(CORPUS.get(HostileCorpus.NULL_KEY).key()).isNull();
        assertThat(CORPUS.get(HostileCorpus.EMPTY_KEY).key()).isEmpty();
        assertThat(CORPUS.get(HostileCorpus.TOMBSTONE).value()).isNull();
        assertThat(CORPUS.get(HostileCorpus.FAR_FUTURE_RECORD_TIME).timestamp())
                .isGreaterThan(System.currentTimeMillis() + 100L * 365 * 24 * 3600 * 1000);
    }

    @Test
    void theBomRecordStartsWithTheByteOrderMark() {
        byte[] value = CORPUS.get(HostileCorpus.BOM).value();
        assertThat(new byte[] {value[0], value[1], value[2]})
                .containsExactly((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
    }

    @Test
    void controlsHaveDistinctIdsAndAreKeyedByUser() throws Exception {
        var controls = HostileCorpus.controls(10);
        assertThat(controls).extracting(r -> PLAIN_JSON.readTree(r.value()).path("event_id").asText())
                .doesNotHaveDuplicates().contains(HostileCorpus.controlEventId(9));
        for (HostileRecord c : controls) {
            assertThat(new String(c.key(), StandardCharsets.UTF_8))
                    .isEqualTo(PLAIN_JSON.readTree(c.value()).path("user_id").asText());
        }
    }

    private static String text(String name) {
        return new String(CORPUS.get(name).value(), StandardCharsets.UTF_8);
    }
}
