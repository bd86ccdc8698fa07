package io.lakeloop.streams.collator;

import static io.lakeloop.streams.collator.CollatorDriver.T0;
import static io.lakeloop.streams.collator.CollatorDriver.bytes;
import static io.lakeloop.streams.collator.CollatorDriver.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeloop.event.ParseResult;
import io.lakeloop.lake.LakeRow;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No single record stops the stream thread (issue 11, item 2): whatever collating it throws, it becomes a dead letter
 * with the original bytes and headers, and the next record is collated as usual.
 */
class PoisonRecordTest {

    static final long TS = T0.getEpochSecond();

    @TempDir
    Path stateDir;

    static String ev(String itemId, Object timestamp) {
        return "{\"user_id\":\"u\",\"session_id\":\"s\",\"item_id\":\"" + itemId + "\",\"event_type\":\"click\","
                + "\"timestamp\":" + timestamp + "}";
    }

    /** Inputs that made core's parser throw (and so stopped the stream thread) before they had a reason code. */
    @ParameterizedTest
    @ValueSource(strings = {"\"1e2147483648\"", "\"1e-2147483649\"", "\"-999999999-01-01T00:00:00Z\""})
    void timestampsThatUsedToThrowAreDeadLetteredAndTheNextRecordFlows(String timestamp) {
        try (CollatorDriver c = new CollatorDriver(stateDir)) {
            c.send("u", ev("poison", timestamp), T0);
            c.send("u", ev("next", TS), T0);

            assertThat(c.lakeRows()).extracting(LakeRow::itemId).containsExactly("next");
            TestRecord<byte[], byte[]> dead = c.dlq.readRecord();
            assertThat(header(dead, DeadLetterHeaders.REASON_CODE)).isIn("TIMESTAMP_UNPARSEABLE", "TIMESTAMP_NEGATIVE");
            assertThat(dead.value()).isEqualTo(bytes(ev("poison", timestamp)));
        }
    }

    @Test
    void anExceptionWhileCollatingBecomesAProcessingFailedDeadLetterWithTheOriginalRecord() {
        assertProcessingFailed(new IllegalStateException("boom: user-4711"), "IllegalStateException");
    }

    @Test
    void aStackOverflowWhileCollatingBecomesADeadLetterToo() {
        assertProcessingFailed(new StackOverflowError(), "StackOverflowError");
    }

    @Test
    void fatalErrorsAreNotSwallowed() {
        Map<String, Object> props = props();
        CollatorConfig config = CollatorConfig.of(props);
        OutOfMemoryError oom = new OutOfMemoryError("test");
        try (TopologyTestDriver driver = driver(config, value -> {
            throw oom;
        })) {
            TestInputTopic<String, byte[]> in = driver.createInputTopic("interactions", new StringSerializer(),
                    new ByteArraySerializer());
            assertThatThrownBy(() -> in.pipeInput("k", bytes(ev("x", TS)), T0)).isSameAs(oom);
        }
    }

    private void assertProcessingFailed(Throwable failure, String typeName) {
        CollatorConfig config = CollatorConfig.of(props());
        int[] calls = {0};
        Function<Object, ParseResult> parser = value -> {
            if (calls[0]++ == 0) {
                throw sneaky(failure);
            }
            return io.lakeloop.event.InteractionParser.defaults(io.lakeloop.event.ValidationTarget.LAKE).parse(value);
        };
        try (TopologyTestDriver driver = driver(config, parser)) {
            TestInputTopic<String, byte[]> in = driver.createInputTopic("interactions", new StringSerializer(),
                    new ByteArraySerializer());
            RecordHeaders headers = new RecordHeaders();
            headers.add("trace", bytes("t-1"));
            in.pipeInput(new TestRecord<>("key-1", bytes(ev("first", TS)), headers, T0));
            in.pipeInput("key-2", bytes(ev("second", TS)), T0);

            List<TestRecord<byte[], byte[]>> dead = driver.createOutputTopic("interactions.dlq",
                    new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                    new org.apache.kafka.common.serialization.ByteArrayDeserializer()).readRecordsToList();
            assertThat(dead).singleElement().satisfies(d -> {
                assertThat(header(d, DeadLetterHeaders.REASON_CODE)).isEqualTo(DeadLetterReason.PROCESSING_FAILED);
                assertThat(header(d, DeadLetterHeaders.REASON_MESSAGE)).contains(typeName).doesNotContain("user-4711");
                assertThat(header(d, DeadLetterHeaders.EVENT_INDEX)).isEqualTo("-1");
                assertThat(header(d, "trace")).isEqualTo("t-1");
                assertThat(d.key()).isEqualTo(bytes("key-1"));
                assertThat(d.value()).isEqualTo(bytes(ev("first", TS)));
            });
            assertThat(driver.createOutputTopic("lake.interactions", new StringDeserializer(),
                    new StringDeserializer()).readValuesToList()).extracting(v -> LakeRow.fromJson(v).itemId())
                    .containsExactly("second");
        }
    }

    private TopologyTestDriver driver(CollatorConfig config, Function<Object, ParseResult> parser) {
        CollatorMetrics metrics = new CollatorMetrics();
        return new TopologyTestDriver(CollatorTopology.build(config, metrics, new OutputGuard(metrics),
                config.producerMaxRequestSize(), 1, () -> new EventCollator(parser, null,
                        config.maxFutureSkew().toMillis())), config.streamsProperties(), T0);
    }

    private Map<String, Object> props() {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", "unused:9092");
        props.put("state.dir", stateDir.toString());
        return props;
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
        throw (T) t;
    }
}
