package io.lakeloop.connect.s3;

import static io.lakeloop.connect.s3.ItSupport.deployedConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lakeloop.connect.s3.format.RawFormat;
import io.lakeloop.event.RecordValues;
import io.lakeloop.lake.LakeRow;
import io.lakeloop.testkit.ConnectClusterExtension;
import io.lakeloop.testkit.HostileCorpus;
import io.lakeloop.testkit.HostileRecord;
import io.lakeloop.testkit.KafkaRecord;
import io.lakeloop.testkit.S3ProxyExtension;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shared hostile corpus through both deployed configurations on a real Connect worker: every record is landed
 * (byte for byte in the raw zone) exactly once or dead-lettered with its reason (at least once, as Connect's
 * dead-letter queue is), every offset is committed, and the connector and its tasks stay RUNNING throughout.
 */
class S3SinkHostileCorpusIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    private static final int CONTROLS = 30;
    private static final String LANDED = "landed";

    @RegisterExtension
    static final S3ProxyExtension S3 = S3ProxyExtension.create();

    @RegisterExtension
    static final ConnectClusterExtension CONNECT = ConnectClusterExtension.create();

    /** The raw upstream zone lands everything that has bytes; a tombstone has none. */
    private static final Map<String, String> RAW_OUTCOMES = outcomes(Map.of(HostileCorpus.TOMBSTONE, "tombstone"));

    /** The lake table takes lake rows: what is not one goes to the dead-letter topic, naming why. */
    private static final Map<String, String> LAKE_OUTCOMES = outcomes(Map.ofEntries(
            Map.entry(HostileCorpus.DEEP_NESTING, "exceeds a JSON read limit: Document nesting depth"),
            Map.entry(HostileCorpus.LONG_NUMBER, "exceeds a JSON read limit: Number value length"),
            Map.entry(HostileCorpus.LONG_FIELD_NAME, "exceeds a JSON read limit: Name length"),
            Map.entry(HostileCorpus.HUGE_INVALID, "not valid JSON"),
            Map.entry(HostileCorpus.INVALID_UTF8, "not valid UTF-8"),
            Map.entry(HostileCorpus.BOM, "not valid JSON"),
            Map.entry(HostileCorpus.RAW_NUL, "not valid JSON"),
            Map.entry(HostileCorpus.LONE_SURROGATE, "lone UTF-16 surrogate"),
            Map.entry(HostileCorpus.DUPLICATE_KEYS, "not valid JSON"),
            Map.entry(HostileCorpus.TOMBSTONE, "tombstone"),
            Map.entry(HostileCorpus.EMPTY_VALUE, "empty"),
            Map.entry(HostileCorpus.NOT_AN_OBJECT, "not an object"),
            Map.entry(HostileCorpus.FAR_FUTURE_EVENT_TIME, "in the future"),
            Map.entry(HostileCorpus.PRE_EPOCH, "before 1970"),
            Map.entry(HostileCorpus.BATCH_ONE_BAD, "TIMESTAMP is missing")));

    private static Map<String, String> outcomes(Map<String, String> deadLettered) {
        Map<String, String> all = new HashMap<>();
        for (HostileRecord r : HostileCorpus.records()) {
            all.put(r.name(), deadLettered.getOrDefault(r.name(), LANDED));
        }
        assertThat(all.keySet()).containsAll(deadLettered.keySet());
        return all;
    }

    private static List<HostileRecord> corpus() {
        List<HostileRecord> all = new ArrayList<>(HostileCorpus.records());
        all.addAll(HostileCorpus.controls(CONTROLS));
        return all;
    }

    @Test
    void theRawUpstreamZoneHoldsEveryRecordByteForByteAndDeadLettersOnlyTheTombstone() throws Exception {
        Map<String, String> config = deployedConfig("s3-upstream-sink.json", S3, "rotate.schedule.interval.ms", "2000");
        List<HostileRecord> sent = run(config, RAW_OUTCOMES);

        Map<ByteBuffer, String> nameByValue = new HashMap<>();
        sent.stream().filter(r -> r.value() != null).forEach(r -> nameByValue.put(ByteBuffer.wrap(r.value()), r.name()));
        assertThat(nameByValue).as("values tell records apart").hasSize((int) sent.stream().filter(r -> r.value() != null).count());
        Map<String, Integer> landed = new HashMap<>();
        for (byte[] value : rawValues(config.get("s3.key.prefix"))) {
            String name = nameByValue.get(ByteBuffer.wrap(value));
            assertThat(name).as("a landed value is byte for byte a produced one").isNotNull();
            landed.merge(name, 1, Integer::sum);
        }
        assertLandedOnce(landed, sent, RAW_OUTCOMES);
    }

    @Test
    void theLakeTableLandsEveryLakeRowAndDeadLettersTheRestWithTheirReasons() throws Exception {
        Map<String, String> config = deployedConfig("s3-lake-sink.json", S3, "rotate.schedule.interval.ms", "2000");
        List<HostileRecord> sent = run(config, LAKE_OUTCOMES);

        Map<String, HostileRecord> byEventId = new HashMap<>();
        for (HostileRecord r : sent) {
            if (LANDED.equals(outcome(r, LAKE_OUTCOMES))) {
                byEventId.put(LakeRow.fromMap(RecordValues.toMap(r.value())).eventId(), r);
            }
        }
        Map<String, Integer> landed = new HashMap<>();
        String prefix = config.get("s3.key.hive.dataset") + "/" + config.get("s3.key.hive.table") + "/";
        for (LakeRow row : lakeRows(prefix)) {
            HostileRecord r = byEventId.get(row.eventId());
            assertThat(r).as("row %s was produced", row.eventId()).isNotNull();
            assertThat(row).as("row of %s", r.name()).isEqualTo(LakeRow.fromMap(RecordValues.toMap(r.value())));
            landed.merge(r.name(), 1, Integer::sum);
        }
        assertLandedOnce(landed, sent, LAKE_OUTCOMES);
    }

    /** Produces the corpus, runs the connector until every record is landed or dead-lettered; checks the DLQ. */
    private static List<HostileRecord> run(Map<String, String> config, Map<String, String> outcomes) throws Exception {
        String name = config.get("name");
        String topic = config.get("topics");
        CONNECT.kafka().createTopic(topic, 2, HostileCorpus.TOPIC_CONFIGS);
        List<HostileRecord> sent = corpus();
        CONNECT.kafka().produce(topic, sent);
        CONNECT.configureConnector(name, config);
        CONNECT.awaitConnectorRunning(name, 2);

        long deadLettered = sent.stream().filter(r -> !LANDED.equals(outcome(r, outcomes))).count();
        String dlq = config.get("errors.deadletterqueue.topic.name");
        // everything handled: the committed offsets reach the end of both partitions, with the tasks RUNNING all along
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            assertRunning(name);
            assertThat(committed(name)).isEqualTo(sent.size());
        });
        assertRunning(name);

        // at-least-once to the dead-letter topic, by design: a record dead-lettered after the first offset of an
        // object still open when its partition moves (the tasks start and rebalance here) is reported again
        List<KafkaRecord> dead = CONNECT.kafka().consumeAll(dlq, Duration.ofSeconds(30));
        assertThat(dead).as("dead letters").hasSizeGreaterThanOrEqualTo((int) deadLettered);
        Function<KafkaRecord, HostileRecord> source = d -> sent.stream().filter(r -> sameRecord(r, d)).findFirst()
                .orElseThrow(() -> new AssertionError("a dead letter that was not produced: " + d.offset()));
        for (KafkaRecord d : dead) {
            HostileRecord r = source.apply(d);
            String reason = d.header("__connect.errors.exception.message");
            assertThat(reason).as("reason of %s", r.name()).contains(outcome(r, outcomes));
            assertThat(reason).as("a reason never quotes the value").doesNotContain("h-user", "h-item", "xxxxxxxx");
        }
        assertThat(dead.stream().map(d -> source.apply(d).name()).collect(Collectors.toSet())).as("dead-lettered")
                .isEqualTo(sent.stream().filter(r -> !LANDED.equals(outcome(r, outcomes))).map(HostileRecord::name)
                        .collect(Collectors.toSet()));
        CONNECT.deleteConnector(name);
        return sent;
    }

    private static String outcome(HostileRecord r, Map<String, String> outcomes) {
        return r.name().startsWith("control-") ? LANDED : outcomes.get(r.name());
    }

    private static boolean sameRecord(HostileRecord r, KafkaRecord d) {
        return java.util.Arrays.equals(r.value(), d.valueBytes()) && java.util.Arrays.equals(r.key(), d.keyBytes());
    }

    private static void assertLandedOnce(Map<String, Integer> landed, List<HostileRecord> sent,
                                         Map<String, String> outcomes) {
        Map<String, Integer> expected = new HashMap<>();
        sent.stream().filter(r -> LANDED.equals(outcome(r, outcomes))).forEach(r -> expected.put(r.name(), 1));
        assertThat(landed).as("every landable record exactly once, nothing else").isEqualTo(expected);
    }

    private static long committed(String connector) throws Exception {
        return CONNECT.kafka().adminClient().listConsumerGroupOffsets("connect-" + connector)
                .partitionsToOffsetAndMetadata().get().values().stream().mapToLong(o -> o.offset()).sum();
    }

    private static void assertRunning(String connector) {
        var status = CONNECT.connectorStatus(connector);
        assertThat(status.connector().state()).isEqualTo("RUNNING");
        assertThat(status.tasks()).isNotEmpty().allSatisfy(t -> assertThat(t.state()).as(t.trace()).isEqualTo("RUNNING"));
    }

    private static List<byte[]> rawValues(String prefix) {
        List<byte[]> values = new ArrayList<>();
        for (String key : S3.listKeys("upstream", prefix)) {
            byte[] bytes = gunzip(S3.readBytes("upstream", key));
            int start = 0;
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    values.add(RawFormat.value(java.util.Arrays.copyOfRange(bytes, start, i)));
                    start = i + 1;
                }
            }
            assertThat(start).as("%s ends with a line break", key).isEqualTo(bytes.length);
        }
        return values;
    }

    private static List<LakeRow> lakeRows(String prefix) throws IOException {
        List<LakeRow> rows = new ArrayList<>();
        for (String key : S3.listKeys("lake", prefix)) {
            List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(new InputStreamReader(new ByteArrayInputStream(gunzip(S3.readBytes("lake", key))),
                            StandardCharsets.UTF_8)).getRecords();
            for (CSVRecord r : records) {
                rows.add(LakeRow.fromMap(r.toMap()));
            }
        }
        return rows;
    }

    private static byte[] gunzip(byte[] bytes) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
