package io.lakeloop.connect.s3.write;

import static io.lakeloop.connect.s3.TestRecords.config;
import static io.lakeloop.connect.s3.TestRecords.lines;
import static io.lakeloop.connect.s3.TestRecords.numbered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeloop.connect.s3.TestRecords;
import io.lakeloop.connect.s3.TestRecords.MutableClock;
import io.lakeloop.connect.s3.config.S3SinkConfig;
import io.lakeloop.connect.s3.storage.InMemoryObjectStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class TaskWriterTest {

    private final MutableClock clock = new MutableClock(1_700_000_000_000L);
    private final InMemoryObjectStore store = new InMemoryObjectStore();
    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final TopicPartition P1 = new TopicPartition("t", 1);

    private TaskWriter writer(String... kv) {
        TaskWriter w = TaskWriter.create(new S3SinkConfig(config(kv)), store, clock, TestRecords.NO_SEEK);
        w.open(List.of(P0, P1));
        return w;
    }

    @Test
    void wallClockRotationCompletesAPartitionThatReceivesNothingMore() {
        TaskWriter w = writer("rotate.schedule.interval.ms", "60000");
        w.write(numbered("t", 0, 0, clock.millis()), null);
        w.write(numbered("t", 0, 1, clock.millis()), null);
        assertThat(w.millisToNextDeadline()).isEqualTo(60_000);
        clock.advance(59_999);
        w.rotateDue();
        assertThat(lines(store, true)).isEmpty();
        assertThat(w.committableOffsets()).containsEntry(P0, new org.apache.kafka.clients.consumer.OffsetAndMetadata(0));

        clock.advance(1);
        w.rotateDue();
        assertThat(lines(store, true)).hasSize(2);
        assertThat(w.committableOffsets().get(P0).offset()).isEqualTo(2);
        assertThat(w.millisToNextDeadline()).as("nothing open").isEqualTo(-1);
    }

    @Test
    void committableOffsetIsTheFirstOffsetOfTheOpenObjectAndNothingForUntouchedPartitions() {
        TaskWriter w = writer("rotate.records", "2");
        for (long o = 10; o < 15; o++) {
            w.write(numbered("t", 0, o, clock.millis()), null);
        }
        assertThat(w.committableOffsets()).containsOnlyKeys(P0);
        assertThat(w.committableOffsets().get(P0).offset()).as("10-11 and 12-13 landed, 14 open").isEqualTo(14);
    }

    @Test
    void memoryStaysWithinBudgetWithTwoHundredPartitionsByCompletingTheLargestObjectsEarly() {
        TaskWriter w = TaskWriter.create(new S3SinkConfig(config("memory.budget.bytes", String.valueOf(8 << 20),
                "rotate.schedule.interval.ms", "0")), store, clock, TestRecords.NO_SEEK);
        List<TopicPartition> tps = new ArrayList<>();
        for (int p = 0; p < 200; p++) {
            tps.add(new TopicPartition("t", p));
        }
        w.open(tps);
        long peak = 0;
        List<String> expected = new ArrayList<>();
        for (int round = 0; round < 20; round++) {
            for (int p = 0; p < 200; p++) {
                SinkRecord r = numbered("t", p, round, clock.millis());
                expected.add((String) r.value());
                w.write(r, null);
                peak = Math.max(peak, w.bufferedBytes());
            }
        }
        assertThat(peak).isLessThanOrEqualTo(8 << 20);
        assertThat(w.metrics().total("early-rotations-for-memory")).isPositive();
        assertThat(w.metrics().openFiles()).isLessThanOrEqualTo((8 << 20) / OpenObject.GZIP_OVERHEAD);
        clock.advance(1);
        for (TopicPartition tp : tps) {
            w.close(List.of(tp));
        }
        // closed partitions drop their open objects: only the completed ones are landed, each record once
        List<String> landed = lines(store, true);
        assertThat(landed).doesNotHaveDuplicates();
        assertThat(expected).containsAll(landed);
        assertThat(w.bufferedBytes()).isZero();
    }

    @Test
    void underMemoryPressureEveryRecordStillLandsOnceWhenTheWallClockCompletesTheRest() {
        TaskWriter w = TaskWriter.create(new S3SinkConfig(config("memory.budget.bytes", String.valueOf(16 << 20),
                "rotate.schedule.interval.ms", "5000")), store, clock, TestRecords.NO_SEEK);
        List<TopicPartition> tps = new ArrayList<>();
        for (int p = 0; p < 200; p++) {
            tps.add(new TopicPartition("t", p));
        }
        w.open(tps);
        java.util.Random rnd = new java.util.Random(7);
        List<String> expected = new ArrayList<>();
        long[] next = new long[200];
        for (int i = 0; i < 8000; i++) {
            int p = i % 200;
            String v = "{\"seq\":" + i + ",\"pad\":\"" + Long.toHexString(rnd.nextLong()).repeat(64) + "\"}";
            expected.add(v);
            w.write(TestRecords.json("t", p, next[p]++, v, clock.millis()), null);
            assertThat(w.bufferedBytes()).isLessThanOrEqualTo(16 << 20);
        }
        clock.advance(5000);
        w.rotateDue();
        assertThat(w.metrics().total("early-rotations-for-memory")).isPositive();
        assertThat(lines(store, true)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void partsStreamToS3AsTheyFillAndFreeTheirMemory() {
        TaskWriter w = writer("compression", "none", "rotate.schedule.interval.ms", "3600000");
        String big = "{\"pad\":\"" + "x".repeat(100_000) + "\"}";
        long peak = 0;
        for (int i = 0; i < 120; i++) {
            w.write(TestRecords.json("t", 0, i, big, clock.millis()), null);
            peak = Math.max(peak, w.bufferedBytes());
        }
        // one part in flight while the next one fills: never more than two parts' worth
        assertThat(peak).isLessThan(2 * (5 * 1024 * 1024 + 2 * PartBuffer.CHUNK_SIZE + 100_000));
        assertThat(store.openUploads()).isEqualTo(1);
        assertThat(store.objects()).isEmpty(); // not visible before completion
        clock.advance(3_600_000);
        w.rotateDue();
        assertThat(lines(store, false)).hasSize(120).allMatch(big::equals);
        assertThat(w.metrics().total("parts-uploaded")).as("two full parts and the last one").isEqualTo(3);
        assertThat(w.bufferedBytes()).isZero();
        Map<String, String> meta = store.objects().values().stream()
                .filter(s -> s.metadata().containsKey("lakeloop-start-offset")).findFirst().orElseThrow().metadata();
        assertThat(meta).containsEntry("lakeloop-start-offset", "0").containsEntry("lakeloop-topic", "t");
    }

    @Test
    void unrenderableRecordsGoToTheReporterWithTheReasonAndTheirOffsetsAreCommitted() {
        TaskWriter w = writer("format", "csv");
        List<String> reasons = new ArrayList<>();
        ErrantRecordReporter reporter = new ErrantRecordReporter() {
            @Override
            public Future<Void> report(SinkRecord record, Throwable error) {
                reasons.add(record.kafkaOffset() + ": " + error.getMessage());
                return CompletableFuture.completedFuture(null);
            }
        };
        w.write(TestRecords.json("t", 0, 0, "{\"USER_ID\":\"u\",\"ITEM_ID\":\"i\",\"TIMESTAMP\":1,"
                + "\"EVENT_TYPE\":\"c\",\"EVENT_ID\":\"e\"}", clock.millis()), reporter);
        w.write(TestRecords.json("t", 0, 1, "{\"USER_ID\":\"u\"}", clock.millis()), reporter);
        w.write(TestRecords.json("t", 1, 0, "oops", clock.millis()), reporter);
        assertThat(reasons).containsExactly("1: cannot write record t-0@1: not a lake row: TIMESTAMP is missing",
                "0: cannot write record t-1@0: the record value is not valid JSON (line 1, column 1)");
        assertThat(w.committableOffsets().get(P1).offset()).isEqualTo(1);
        assertThat(w.metrics().total("records-dead-lettered")).isEqualTo(2);

        assertThatThrownBy(() -> w.write(TestRecords.json("t", 1, 1, "oops", clock.millis()), null))
                .isInstanceOf(DataException.class).hasMessageContaining("t-1@1");
    }

    @Test
    void anUnexpectedFailureRenderingOneRecordDeadLettersItWithoutItsContentAndTheRestLand() {
        TaskWriter w = writer("format", "csv", "format.csv.columns", "id", "rotate.records", "2");
        List<SinkRecord> reported = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        ErrantRecordReporter reporter = (record, error) -> {
            reported.add(record);
            errors.add(error);
            return CompletableFuture.completedFuture(null);
        };
        // a map keyed by numbers (a converter's map schema with int keys) is no record format foresaw
        SinkRecord odd = new SinkRecord("t", 0, null, null, null, Map.of(7, "secret-7"), 1, 1L,
                org.apache.kafka.common.record.TimestampType.CREATE_TIME);
        w.write(new SinkRecord("t", 0, null, null, null, Map.of("id", "a"), 0, 1L,
                org.apache.kafka.common.record.TimestampType.CREATE_TIME), reporter);
        w.write(odd, reporter);
        w.write(new SinkRecord("t", 0, null, null, null, Map.of("id", "b"), 2, 1L,
                org.apache.kafka.common.record.TimestampType.CREATE_TIME), reporter);
        assertThat(reported).containsExactly(odd);
        assertThat(errors.get(0)).isInstanceOf(DataException.class).hasMessageContaining("t-0@1")
                .hasMessageNotContaining("secret-7");
        assertThat(lines(store, true).stream().map(String::strip)).containsExactly("id", "a", "b");
        assertThat(w.committableOffsets().get(P0).offset()).isEqualTo(3);

        TaskWriter strict = writer("format", "csv", "format.csv.columns", "id");
        SinkRecord oddOnP1 = new SinkRecord("t", 1, null, null, null, Map.of(7, "secret-7"), 0, 1L,
                org.apache.kafka.common.record.TimestampType.CREATE_TIME);
        assertThatThrownBy(() -> strict.write(oddOnP1, null)).as("no reporter: fails as Connect's converters do")
                .isInstanceOf(DataException.class).hasMessageContaining("t-1@0").hasMessageNotContaining("secret-7");
    }

    @Test
    void nullValuesAreDeadLetteredIgnoredOrFailTheTaskAsConfigured() {
        SinkRecord tombstone = TestRecords.json("t", 0, 1, null, clock.millis());
        List<SinkRecord> reported = new ArrayList<>();
        ErrantRecordReporter reporter = (record, error) -> {
            reported.add(record);
            return CompletableFuture.completedFuture(null);
        };
        TaskWriter dlq = writer("rotate.records", "2");
        dlq.write(numbered("t", 0, 0, clock.millis()), reporter);
        dlq.write(tombstone, reporter);
        assertThat(reported).containsExactly(tombstone);

        TaskWriter ignore = writer("behavior.on.null.values", "ignore", "rotate.records", "2");
        ignore.write(TestRecords.json("t", 1, 0, null, clock.millis()), reporter);
        ignore.write(numbered("t", 1, 1, clock.millis()), reporter);
        assertThat(reported).hasSize(1);
        assertThat(ignore.metrics().total("null-values-ignored")).isEqualTo(1);
        assertThat(ignore.committableOffsets().get(P1).offset()).as("1 is open, 0 handled").isEqualTo(1);

        TaskWriter fail = writer("behavior.on.null.values", "fail");
        assertThatThrownBy(() -> fail.write(TestRecords.json("t", 1, 5, null, clock.millis()), reporter))
                .isInstanceOf(DataException.class).hasMessageContaining("t-1@5").hasMessageContaining("fail");
    }

    @Test
    void zstdObjectsAreZstandardFramesWithTheirOwnExtensionAndMemoryCharge() {
        TaskWriter w = writer("compression", "zstd", "rotate.records", "3");
        for (long o = 0; o < 4; o++) {
            w.write(numbered("t", 0, o, clock.millis()), null);
        }
        assertThat(w.bufferedBytes()).as("the open zstd stream is charged").isGreaterThanOrEqualTo(OpenObject.ZSTD_OVERHEAD);
        assertThat(store.objects().keySet()).filteredOn(k -> !k.startsWith("_lakeloop/"))
                .singleElement().asString().endsWith("t+0+00000000000000000000.jsonl.zst");
        assertThat(store.objects().values()).filteredOn(o -> o.bytes().length > 4 && (o.bytes()[0] & 0xff) == 0x28)
                .hasSize(1);
        assertThat(lines(store, false)).containsExactly("{\"id\":\"t/0/0\"}", "{\"id\":\"t/0/1\"}", "{\"id\":\"t/0/2\"}");
    }
}
