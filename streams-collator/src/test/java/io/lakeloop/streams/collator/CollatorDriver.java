package io.lakeloop.streams.collator;

import io.lakeloop.lake.LakeRow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** A {@link TopologyTestDriver} around the real topology and the real config factory, with helpers. */
final class CollatorDriver implements AutoCloseable {

    static final Instant T0 = Instant.parse("2024-06-01T00:00:00Z");
    /**
     * The by-user topic's partitions: two, so that the driver's single input partition holds users of both, and the
     * events of half of them take the by-user repartition, the others go straight to the dedupe step.
     */
    static final int PARTITIONS = 2;

    final CollatorConfig config;
    final CollatorMetrics metrics = new CollatorMetrics();
    final OutputGuard guard = new OutputGuard(metrics);
    final TopologyTestDriver driver;
    private final Map<String, TestInputTopic<byte[], byte[]>> inputs = new HashMap<>();
    final TestOutputTopic<String, String> lake;
    final TestOutputTopic<byte[], byte[]> dlq;
    private Instant wallClock = T0;

    CollatorDriver(Path stateDir, Map<String, Object> overrides) {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", "unused:9092");
        props.put("state.dir", stateDir.toString());
        props.putAll(overrides);
        config = CollatorConfig.of(props);
        driver = new TopologyTestDriver(CollatorTopology.build(config, metrics, guard, config.producerMaxRequestSize(),
                PARTITIONS), config.streamsProperties(), T0);
        for (String topic : config.inputTopics()) {
            inputs.put(topic, driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer()));
        }
        lake = driver.createOutputTopic(config.outputTopic(), new StringDeserializer(), new StringDeserializer());
        dlq = driver.createOutputTopic(config.dlqTopic(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    CollatorDriver(Path stateDir) {
        this(stateDir, Map.of());
    }

    /** Sends {@code value} (UTF-8) keyed by {@code key} to the first input topic at record time {@code at}. */
    void send(String key, String value, Instant at) {
        send(config.inputTopics().get(0), bytes(key), bytes(value), new RecordHeaders(), at);
    }

    /**
     * Sends a record with timestamp {@code at}; the driver's wall clock first moves up to {@code at} when it is behind,
     * as when records are produced and collated in real time (a record ahead of the collator's clock is another case:
     * {@link #sendAheadOfTheClock}).
     */
    void send(String topic, byte[] key, byte[] value, Headers headers, Instant at) {
        advanceWallClockTo(at);
        sendAheadOfTheClock(topic, key, value, headers, at);
    }

    /** Moves the driver's wall clock (the collator's "now") forward to {@code at}; never back. */
    void advanceWallClockTo(Instant at) {
        if (at.isAfter(wallClock)) {
            driver.advanceWallClockTime(Duration.between(wallClock, at));
            wallClock = at;
        }
    }

    /** Sends a record with timestamp {@code at} without moving the wall clock. */
    void sendAheadOfTheClock(String topic, byte[] key, byte[] value, Headers headers, Instant at) {
        inputs.get(topic).pipeInput(new TestRecord<>(key, value, headers, at));
    }

    Instant wallClock() {
        return wallClock;
    }

    List<LakeRow> lakeRows() {
        return lake.readValuesToList().stream().map(LakeRow::fromJson).toList();
    }

    static byte[] bytes(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    static String header(TestRecord<?, ?> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        driver.close();
    }
}
