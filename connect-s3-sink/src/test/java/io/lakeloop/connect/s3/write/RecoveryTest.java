package io.lakeloop.connect.s3.write;

import static io.lakeloop.connect.s3.TestRecords.config;
import static io.lakeloop.connect.s3.TestRecords.lines;
import static io.lakeloop.connect.s3.TestRecords.numbered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeloop.connect.s3.TestRecords;
import io.lakeloop.connect.s3.TestRecords.MutableClock;
import io.lakeloop.connect.s3.config.S3SinkConfig;
import io.lakeloop.connect.s3.storage.ByteChunks;
import io.lakeloop.connect.s3.storage.InMemoryObjectStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/** What a task finds in S3 on (re)assignment, case by case; the simulation test covers them in combination. */
class RecoveryTest {

    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final String STATE = "_lakeloop/s3-sink-state/test-sink/t/0.json";
    private static final String PREFIX = "crm/dashboard_interaction/latest/2023/11/14/22/";
    private final MutableClock clock = new MutableClock(1_700_000_000_000L);
    private final InMemoryObjectStore store = new InMemoryObjectStore();
    /** Where each task asked Connect to deliver from ({@code SinkTaskContext.offset}). */
    private final Map<TopicPartition, Long> seeks = new HashMap<>();

    private TaskWriter task(String... kv) {
        List<String> all = new ArrayList<>(List.of("rotate.records", "3"));
        all.addAll(List.of(kv));
        TaskWriter w = TaskWriter.create(new S3SinkConfig(config(all.toArray(String[]::new))), store, clock,
                seeks::put);
        w.open(List.of(P0));
        return w;
    }

    /** One put() of records {@code from..to-1} of a log whose values carry {@code log}. */
    private void put(TaskWriter w, String log, long from, long to) {
        w.newPut(false);
        for (long o = from; o < to; o++) {
            w.write(record(log, o), null);
        }
    }

    private SinkRecord record(String log, long offset) {
        return TestRecords.json("t", 0, offset, "{\"log\":\"" + log + "\",\"o\":" + offset + "}", clock.millis());
    }

    private static List<String> values(String log, long from, long to) {
        return LongStream.range(from, to).mapToObj(o -> "{\"log\":\"" + log + "\",\"o\":" + o + "}").toList();
    }

    @Test
    void stateRoundTripsThroughJsonAndVersionOneStatesAreStillRead() {
        StateMarker m = new StateMarker(2, 1, 41, "1:a:b", "a/b+0+42.jsonl.gz", 42, 99, "upload-7", "2:c:d");
        assertThat(StateMarker.fromJson(m.toJson())).isEqualTo(m);
        StateMarker none = new StateMarker(-1, null, -1, -1, null);
        assertThat(StateMarker.fromJson(none.toJson())).isEqualTo(none);
        String v1 = "{\"version\":1,\"landedEnd\":41,\"pending\":{\"key\":\"k\",\"start\":42,\"end\":99}}";
        assertThat(StateMarker.fromJson(v1.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isEqualTo(new StateMarker(41, "k", 42, 99, null));
    }

    @Test
    void noStateMeansNothingIsSkipped() {
        TaskWriter w = task();
        put(w, "a", 0, 3);
        assertThat(lines(store, true)).hasSize(3);
        assertThat(w.metrics().total("records-skipped-as-already-landed")).isZero();
        assertThat(seeks).isEmpty();
    }

    @Test
    void aReplayFromBeforeTheLandedEndIsSentToTheLastLandedRecordWhichIsCheckedAndSkipped() {
        TaskWriter first = task();
        put(first, "a", 0, 6);
        // objects 0-2 and 3-5 are complete; the state names 3-5 as pending (written before it became visible);
        // the task dies before Connect commits anything: the replay starts at 0
        StateMarker state = StateMarker.fromJson(store.get(STATE).orElseThrow());
        assertThat(state.landedEnd()).isEqualTo(2);
        assertThat(state.pendingKey()).isEqualTo(PREFIX + "t+0+00000000000000000003.jsonl.gz");
        assertThat(state.pendingCheck()).isEqualTo(RecordCheck.of(record("a", 5)));

        TaskWriter second = task();
        put(second, "a", 0, 6);
        assertThat(seeks).as("delivered again from the last landed record").containsExactly(Map.entry(P0, 5L));
        assertThat(second.committableOffsets()).as("nothing handled yet").isEmpty();
        put(second, "a", 5, 9);
        assertThat(second.metrics().total("records-skipped-as-already-landed")).isEqualTo(1);
        assertThat(lines(store, true)).containsExactlyInAnyOrderElementsOf(values("a", 0, 9));
        assertThat(second.committableOffsets().get(P0).offset()).isEqualTo(9);
    }

    @Test
    void aRedeliveryFromJustAfterTheLandedEndIsCheckedAgainstTheLastLandedRecord() {
        put(task(), "a", 0, 6);
        TaskWriter second = task();
        put(second, "a", 6, 7);
        assertThat(seeks).containsExactly(Map.entry(P0, 5L));
        second.newPut(true); // a retriable failure elsewhere: Connect delivers the same batch again first
        second.write(record("a", 6), null);
        put(second, "a", 5, 9);
        assertThat(lines(store, true)).containsExactlyInAnyOrderElementsOf(values("a", 0, 9));
        assertThat(store.objects().keySet()).noneMatch(k -> k.contains("+e"));
    }

    @Test
    void aRecreatedShorterTopicIsANewLogWrittenUnderNewKeysBesideTheOldObjects() {
        put(task(), "old", 0, 6);
        TaskWriter second = task();
        put(second, "new", 0, 2); // the recreated topic: offsets deleted with it, so the consumer starts at 0
        assertThat(seeks).containsExactly(Map.entry(P0, 5L));
        // offset 5 is beyond the new log's end: the consumer is reset to the earliest offset
        put(second, "new", 0, 3);
        List<String> expected = new ArrayList<>(values("old", 0, 6));
        expected.addAll(values("new", 0, 3));
        assertThat(lines(store, true)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(store.objects().keySet()).contains(PREFIX + "t+0+00000000000000000000+e1.jsonl.gz",
                PREFIX + "t+0+00000000000000000000.jsonl.gz");
        assertThat(StateMarker.fromJson(store.get(STATE).orElseThrow()).epoch()).isEqualTo(1);
        assertThat(second.committableOffsets().get(P0).offset()).isEqualTo(3);
    }

    @Test
    void aRecreatedLongerTopicIsFoundAtTheLandedOffsetAndWrittenFromWhereTheConsumerStood() {
        put(task(), "old", 0, 6);
        TaskWriter second = task();
        put(second, "new", 0, 4);
        assertThat(seeks).containsExactly(Map.entry(P0, 5L));
        seeks.clear();
        put(second, "new", 5, 8); // not the record landed at 5: back to where the consumer stood
        assertThat(seeks).containsExactly(Map.entry(P0, 0L));
        put(second, "new", 0, 9);
        List<String> expected = new ArrayList<>(values("old", 0, 6));
        expected.addAll(values("new", 0, 9));
        assertThat(lines(store, true)).containsExactlyInAnyOrderElementsOf(expected);

        TaskWriter third = task(); // the new log's state now: a plain redelivery of it skips what landed
        seeks.clear();
        put(third, "new", 9, 10);
        assertThat(seeks).containsExactly(Map.entry(P0, 8L));
        put(third, "new", 8, 10);
        assertThat(third.metrics().total("records-skipped-as-already-landed")).isEqualTo(1);
        assertThat(third.committableOffsets().get(P0).offset()).as("9 is in the open object").isEqualTo(9);
    }

    @Test
    void raisingTheReplayGenerationWritesEveryDeliveredRecordAgainUnderNewKeysAndItNeverGoesDown() {
        put(task(), "a", 0, 6);
        TaskWriter replay = task("replay.generation", "1");
        put(replay, "a", 0, 6);
        assertThat(seeks).isEmpty();
        assertThat(store.objects().keySet()).contains(PREFIX + "t+0+00000000000000000000+g1.jsonl.gz",
                PREFIX + "t+0+00000000000000000003+g1.jsonl.gz");
        List<String> twice = new ArrayList<>(values("a", 0, 6));
        twice.addAll(values("a", 0, 6));
        assertThat(lines(store, true)).containsExactlyInAnyOrderElementsOf(twice);

        TaskWriter crashRedelivery = task("replay.generation", "1"); // same generation: exactly once again
        put(crashRedelivery, "a", 3, 7);
        put(crashRedelivery, "a", 5, 9);
        assertThat(crashRedelivery.metrics().total("records-skipped-as-already-landed")).isEqualTo(1);

        assertThatThrownBy(() -> put(task("replay.generation", "0"), "a", 0, 1))
                .isInstanceOf(ConnectException.class).hasMessageContaining("replay.generation=1");
    }

    @Test
    void aPendingObjectThatNeverCompletedIsReplayedAndItsUploadAborted() {
        store.put(STATE, ByteChunks.of(new StateMarker(2, "x/t+0+00000000000000000003.jsonl.gz", 3, 5, "upload-9")
                .toJson()), Map.of(), "application/json");
        TaskWriter w = task();
        put(w, "a", 0, 6);
        assertThat(w.metrics().total("records-skipped-as-already-landed")).as("0-2 landed, 3-5 were not").isEqualTo(3);
        assertThat(store.calls()).contains("AbortMultipartUpload x/t+0+00000000000000000003.jsonl.gz");
        assertThat(lines(store, true)).containsExactlyElementsOf(values("a", 3, 6));
    }

    @Test
    void anObjectAtThePendingKeyWithAnotherStartOffsetDoesNotCount() {
        store.put("x/k.jsonl.gz", ByteChunks.of(new byte[] {1}), Map.of("lakeloop-start-offset", "0"), "application/gzip");
        store.put(STATE, ByteChunks.of(new StateMarker(2, "x/k.jsonl.gz", 3, 5, null).toJson()), Map.of(),
                "application/json");
        TaskWriter w = task();
        w.write(numbered("t", 0, 3, clock.millis()), null);
        assertThat(w.metrics().total("records-skipped-as-already-landed")).isZero();
    }
}
