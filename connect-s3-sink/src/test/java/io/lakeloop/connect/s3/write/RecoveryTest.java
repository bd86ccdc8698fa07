package io.lakeloop.connect.s3.write;

import static io.lakeloop.connect.s3.TestRecords.config;
import static io.lakeloop.connect.s3.TestRecords.lines;
import static io.lakeloop.connect.s3.TestRecords.numbered;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakeloop.connect.s3.TestRecords.MutableClock;
import io.lakeloop.connect.s3.config.S3SinkConfig;
import io.lakeloop.connect.s3.storage.ByteChunks;
import io.lakeloop.connect.s3.storage.InMemoryObjectStore;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** What a task finds in S3 on (re)assignment, case by case; the simulation test covers them in combination. */
class RecoveryTest {

    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final String STATE = "_lakeloop/s3-sink-state/test-sink/t/0.json";
    private final MutableClock clock = new MutableClock(1_700_000_000_000L);
    private final InMemoryObjectStore store = new InMemoryObjectStore();

    private TaskWriter task() {
        TaskWriter w = TaskWriter.create(new S3SinkConfig(config("rotate.records", "3")), store, clock);
        w.open(List.of(P0));
        return w;
    }

    @Test
    void stateRoundTripsThroughJson() {
        StateMarker m = new StateMarker(41, "a/b+0+42.jsonl.gz", 42, 99, "upload-7");
        assertThat(StateMarker.fromJson(m.toJson())).isEqualTo(m);
        StateMarker none = new StateMarker(-1, null, -1, -1, null);
        assertThat(StateMarker.fromJson(none.toJson())).isEqualTo(none);
    }

    @Test
    void noStateMeansNothingIsSkipped() {
        TaskWriter w = task();
        for (long o = 0; o < 3; o++) {
            w.write(numbered("t", 0, o, clock.millis()), null);
        }
        assertThat(lines(store, true)).hasSize(3);
        assertThat(w.metrics().getRecordsSkippedAsAlreadyLanded()).isZero();
    }

    @Test
    void aPendingObjectThatIsInS3CountsAsLandedAndItsRecordsAreSkippedOnReplay() {
        TaskWriter first = task();
        for (long o = 0; o < 6; o++) {
            first.write(numbered("t", 0, o, clock.millis()), null);
        }
        // objects 0-2 and 3-5 are complete; the state names 3-5 as pending (written before it became visible);
        // the task dies before Connect commits anything: the replay starts at 0
        assertThat(StateMarker.fromJson(store.get(STATE).orElseThrow()))
                .isEqualTo(new StateMarker(2, "crm/dashboard_interaction/latest/2023/11/14/22/t+0+00000000000000000003.jsonl.gz",
                        3, 5, null));
        TaskWriter second = task();
        for (long o = 0; o < 9; o++) {
            second.write(numbered("t", 0, o, clock.millis()), null);
        }
        assertThat(second.metrics().getRecordsSkippedAsAlreadyLanded()).isEqualTo(6);
        assertThat(lines(store, true)).hasSize(9).doesNotHaveDuplicates();
        assertThat(second.committableOffsets().get(P0).offset()).isEqualTo(9);
    }

    @Test
    void aPendingObjectThatNeverCompletedIsReplayedAndItsUploadAborted() {
        store.put(STATE, ByteChunks.of(new StateMarker(2, "x/t+0+00000000000000000003.jsonl.gz", 3, 5, "upload-9")
                .toJson()), Map.of(), "application/json");
        TaskWriter w = task();
        for (long o = 0; o < 6; o++) {
            w.write(numbered("t", 0, o, clock.millis()), null);
        }
        assertThat(w.metrics().getRecordsSkippedAsAlreadyLanded()).as("0-2 landed, 3-5 were not").isEqualTo(3);
        assertThat(store.calls()).contains("AbortMultipartUpload x/t+0+00000000000000000003.jsonl.gz");
        assertThat(lines(store, true)).containsExactly("{\"id\":\"t/0/3\"}", "{\"id\":\"t/0/4\"}", "{\"id\":\"t/0/5\"}");
    }

    @Test
    void anObjectAtThePendingKeyWithAnotherStartOffsetDoesNotCount() {
        store.put("x/k.jsonl.gz", ByteChunks.of(new byte[] {1}), Map.of("lakeloop-start-offset", "0"), "application/gzip");
        store.put(STATE, ByteChunks.of(new StateMarker(2, "x/k.jsonl.gz", 3, 5, null).toJson()), Map.of(),
                "application/json");
        TaskWriter w = task();
        w.write(numbered("t", 0, 3, clock.millis()), null);
        assertThat(w.metrics().getRecordsSkippedAsAlreadyLanded()).isZero();
    }
}
