package io.lakeloop.streams.collator;

import static io.lakeloop.streams.collator.CollatorDriver.T0;
import static io.lakeloop.streams.collator.CollatorDriver.bytes;
import static io.lakeloop.streams.collator.CollatorDriver.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakeloop.lake.LakeRow;
import io.lakeloop.streams.collator.serde.CollatedSerde;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.ProductionExceptionHandlerResponse;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outputs the producer or broker refused once are routed around when the record is processed again: a refused lake
 * row becomes an OUTPUT_REFUSED dead letter, a refused dead letter loses its payload; internal records that cannot be
 * read become dead letters. The real broker case is {@code RefusedOutputIT}.
 */
class OutputRefusedTest {

    static final long TS = T0.getEpochSecond();

    @TempDir
    Path stateDir;

    static String ev(String eventId) {
        return "{\"user_id\":\"u\",\"session_id\":\"s\",\"item_id\":\"i\",\"event_type\":\"click\",\"timestamp\":" + TS
                + ",\"event_id\":\"" + eventId + "\"}";
    }

    @Test
    void theHandlerRegistersRecordLevelRefusalsOnceAndFailsEveryFailure() {
        CollatorMetrics metrics = new CollatorMetrics();
        OutputGuard guard = new OutputGuard(metrics);
        RefusedOutputHandler handler = new RefusedOutputHandler();
        handler.configure(Map.of(OutputGuard.CONFIG_KEY, guard));
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>("t", bytes("k"), bytes("v"));

        assertThat(handler.handle(null, record, new RecordTooLargeException("x")))
                .isEqualTo(ProductionExceptionHandlerResponse.FAIL);
        assertThat(guard.takeNewRefusal()).isTrue();
        assertThat(guard.takeNewRefusal()).isFalse();
        assertThat(guard.refusal("t", bytes("k"), bytes("v"))).isEqualTo("RecordTooLargeException");
        assertThat(guard.refusal("t", bytes("k"), bytes("w"))).isNull();
        assertThat(guard.refusal("t2", bytes("k"), bytes("v"))).isNull();

        handler.handle(null, record, new InvalidRecordException("again"));
        assertThat(guard.takeNewRefusal()).as("the same bytes refused again: routing around them did not help").isFalse();
        handler.handle(null, new ProducerRecord<>("t", null, bytes("other")), new TopicAuthorizationException("no"));
        assertThat(guard.takeNewRefusal()).as("not about the record itself").isFalse();
        assertThat(guard.size()).isEqualTo(1);
        assertThat(metrics.outputRefused()).isEqualTo(2);
    }

    @Test
    void aLakeRowRefusedBeforeBecomesAnOutputRefusedDeadLetterAndOthersFlow() {
        try (CollatorDriver c = new CollatorDriver(stateDir)) {
            String row = new LakeRow("u", "i", TS, "click", null, "s", "e-1").toJson();
            c.guard.register(new ProducerRecord<>("lake.interactions", bytes("u"), bytes(row)),
                    new RecordTooLargeException("x"));

            c.send("u", ev("e-1"), T0);
            c.send("u", ev("e-2"), T0);
            c.send("u", ev("e-1"), T0);

            assertThat(c.lakeRows()).extracting(LakeRow::eventId).containsExactly("e-2");
            TestRecord<byte[], byte[]> dead = c.dlq.readRecord();
            assertThat(c.dlq.isEmpty()).as("the copy of e-1 is a duplicate").isTrue();
            assertThat(header(dead, DeadLetterHeaders.REASON_CODE)).isEqualTo(DeadLetterReason.OUTPUT_REFUSED);
            assertThat(header(dead, DeadLetterHeaders.REASON_MESSAGE)).contains("RecordTooLargeException");
            assertThat(dead.key()).isEqualTo(bytes("u"));
            assertThat(dead.value()).isEqualTo(bytes(row));
            assertThat(header(dead, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("lakeloop-collator-by-user-repartition");
            assertThat(c.metrics.rejected(DeadLetterReason.OUTPUT_REFUSED)).isEqualTo(1);
        }
    }

    @Test
    void aDeadLetterRefusedBeforeIsWrittenWithoutItsPayload() {
        try (CollatorDriver c = new CollatorDriver(stateDir)) {
            c.guard.register(new ProducerRecord<>("interactions.dlq", bytes("k"), bytes("{oops")),
                    new RecordTooLargeException("x"));

            c.send("k", "{oops", T0);
            c.send("k", "{other", T0);

            List<TestRecord<byte[], byte[]>> dead = c.dlq.readRecordsToList();
            assertThat(dead.get(0).value()).isNull();
            assertThat(header(dead.get(0), DeadLetterHeaders.REASON_CODE)).isEqualTo("UNDECODABLE");
            assertThat(header(dead.get(0), DeadLetterHeaders.PAYLOAD_OMITTED)).contains("RecordTooLargeException");
            assertThat(dead.get(1).value()).isEqualTo(bytes("{other"));
            assertThat(c.metrics.deadLettersWithoutPayload()).isEqualTo(1);
        }
    }

    @Test
    void anUnreadableInternalRepartitionRecordIsDeadLetteredAndTheStreamGoesOn() {
        try (CollatorDriver c = new CollatorDriver(stateDir)) {
            TestInputTopic<String, byte[]> repartition = c.driver.createInputTopic(
                    "lakeloop-collator-by-user-repartition", new StringSerializer(), new ByteArraySerializer());
            repartition.pipeInput("u", new byte[] {9, 9, 9}, T0);
            c.send("u", ev("e-1"), T0);

            assertThat(c.lakeRows()).extracting(LakeRow::eventId).containsExactly("e-1");
            TestRecord<byte[], byte[]> dead = c.dlq.readRecord();
            assertThat(header(dead, DeadLetterHeaders.REASON_CODE)).isEqualTo("UNDECODABLE");
            assertThat(header(dead, DeadLetterHeaders.REASON_MESSAGE)).contains("unknown format version 9");
            assertThat(header(dead, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("lakeloop-collator-by-user-repartition");
            assertThat(dead.value()).containsExactly(9, 9, 9);
        }
    }
}
