package io.lakeloop.streams.collator;

import static io.lakeloop.streams.collator.CollatorDriver.T0;
import static io.lakeloop.streams.collator.CollatorDriver.bytes;
import static io.lakeloop.streams.collator.CollatorDriver.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakeloop.event.Rejection;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.AbstractRecords;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dead letter that does not fit what the producer accepts is written without the original key, value and headers,
 * with the reason and the source position, and counted (issue 11, item 3). The real broker case (a record larger
 * than the collator's producer accepts) is {@code DeadLetterTooLargeIT}.
 */
class DeadLetterSizeTest {

    static final int LIMIT = 4096;

    @TempDir
    Path stateDir;
    CollatorDriver c;

    @BeforeEach
    void start() {
        c = new CollatorDriver(stateDir, Map.of("producer.max.request.size", LIMIT));
    }

    @AfterEach
    void stop() {
        c.close();
    }

    @Test
    void aDeadLetterTooLargeForTheProducerIsWrittenWithoutItsPayloadAndCounted() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace", bytes("t-1"));
        c.send("interactions", bytes("key-1"), bytes("<" + "x".repeat(5000) + ">"), headers, T0);
        c.send("interactions", bytes("key-2"), bytes("<small>"), new RecordHeaders(), T0);

        List<TestRecord<byte[], byte[]>> dead = c.dlq.readRecordsToList();
        assertThat(dead).hasSize(2);
        TestRecord<byte[], byte[]> compact = dead.get(0);
        assertThat(compact.key()).isNull();
        assertThat(compact.value()).isNull();
        assertThat(compact.headers().lastHeader("trace")).isNull();
        assertThat(header(compact, DeadLetterHeaders.REASON_CODE)).isEqualTo("UNDECODABLE");
        assertThat(header(compact, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("interactions");
        assertThat(header(compact, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("0");
        assertThat(header(compact, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("0");
        assertThat(header(compact, DeadLetterHeaders.PAYLOAD_OMITTED))
                .contains("key 5 B", "value 5002 B", "1 original headers", "interactions/0@0", String.valueOf(LIMIT));
        assertThat(dead.get(1).value()).isEqualTo(bytes("<small>"));
        assertThat(header(dead.get(1), DeadLetterHeaders.PAYLOAD_OMITTED)).isNull();
        assertThat(c.metrics.deadLettersWithoutPayload()).isEqualTo(1);
        assertThat(c.metrics.rejected(io.lakeloop.event.ReasonCode.UNDECODABLE)).isEqualTo(2);
    }

    @Test
    void aDeadLetterExactlyAtTheLimitKeepsItsPayloadAndOneByteMoreDoesNot() {
        int fitting = largestFittingValue();
        c.send("interactions", bytes("k"), bytes("<" + "x".repeat(fitting - 2) + ">"), new RecordHeaders(), T0);
        c.send("interactions", bytes("k"), bytes("<" + "x".repeat(fitting - 1) + ">"), new RecordHeaders(), T0);

        List<TestRecord<byte[], byte[]>> dead = c.dlq.readRecordsToList();
        assertThat(dead.get(0).value()).hasSize(fitting);
        assertThat(dead.get(1).value()).isNull();
    }

    @Test
    void eachBadEventOfALargeBatchGetsItsOwnDeadLetterWithoutPayload() {
        String pad = "p".repeat(5000);
        String batch = "{\"user_id\":\"u\",\"session_id\":\"s\",\"pad\":\"" + pad + "\",\"event_list\":["
                + "{\"itemId\":\"a\",\"sentAt\":1700000000},{\"itemId\":\"b\",\"sentAt\":1700000000}]}";
        c.send("interactions", bytes("u"), bytes(batch), new RecordHeaders(), T0);

        assertThat(c.dlq.readRecordsToList()).extracting(d -> header(d, DeadLetterHeaders.EVENT_INDEX)
                + "/" + header(d, DeadLetterHeaders.REASON_CODE) + "/" + (d.value() == null))
                .containsExactly("0/MISSING_FIELD/true", "1/MISSING_FIELD/true");
    }

    /** The largest value of the dead letter the first test sends (key "k", reason UNDECODABLE) that fits LIMIT. */
    private static int largestFittingValue() {
        int size = 100;
        while (sizeOf(size + 1) <= LIMIT) {
            size++;
        }
        return size;
    }

    private static int sizeOf(int valueLength) {
        Rejection undecodable = Rejection.ofRecord(io.lakeloop.event.ReasonCode.UNDECODABLE, null,
                io.lakeloop.event.InteractionParser.defaults(io.lakeloop.event.ValidationTarget.LAKE)
                        .parse(bytes("<x>")).rejections().get(0).message());
        Header[] headers = DeadLetterHeaders.of(new RecordHeaders(), DeadLetterReason.of(undecodable), "interactions", 0, 0,
                T0.toEpochMilli()).toArray();
        return AbstractRecords.estimateSizeInBytesUpperBound(RecordBatch.CURRENT_MAGIC_VALUE, CompressionType.NONE,
                bytes("k"), new byte[valueLength], headers);
    }
}
