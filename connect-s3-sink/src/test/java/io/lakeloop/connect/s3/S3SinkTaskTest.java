package io.lakeloop.connect.s3;

import static io.lakeloop.connect.s3.TestRecords.config;
import static io.lakeloop.connect.s3.TestRecords.lines;
import static io.lakeloop.connect.s3.TestRecords.numbered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeloop.connect.s3.storage.InMemoryObjectStore;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.management.ObjectName;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class S3SinkTaskTest {

    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private final InMemoryObjectStore store = new InMemoryObjectStore();
    private final FakeContext context = new FakeContext();
    private final S3SinkTask task = new S3SinkTask();

    @BeforeEach
    void start() {
        S3SinkTask.storeFactory = c -> store;
        task.initialize(context.proxy());
        task.start(config("rotate.schedule.interval.ms", "60000", "s3.retry.backoff.ms", "100",
                "s3.retry.backoff.max.ms", "250", "rotate.records", "3"));
        task.open(List.of(P0));
    }

    @AfterEach
    void stop() {
        task.stop();
        S3SinkTask.storeFactory = S3SinkTask::s3Store;
    }

    @Test
    void putAsksConnectToComeBackByTheNextWallClockDeadline() {
        task.put(List.of(numbered("t", 0, 0, 1L)));
        assertThat(context.timeout).isBetween(59_000L, 60_000L);
    }

    @Test
    void transientFailuresAskForRedeliveryWithADoublingBackoffAndRedeliveryWritesEachRecordOnce() {
        List<SinkRecord> batch = List.of(numbered("t", 0, 0, 1L), numbered("t", 0, 1, 1L), numbered("t", 0, 2, 1L),
                numbered("t", 0, 3, 1L));
        store.failWhen(op -> op.equals("PutObject"));
        assertThatThrownBy(() -> task.put(batch)).isInstanceOf(RetriableException.class);
        assertThat(context.timeout).isEqualTo(100);
        assertThatThrownBy(() -> task.put(batch)).isInstanceOf(RetriableException.class);
        assertThat(context.timeout).isEqualTo(200);
        assertThatThrownBy(() -> task.put(batch)).isInstanceOf(RetriableException.class);
        assertThat(context.timeout).isEqualTo(250);

        store.heal();
        task.put(batch);
        task.put(batch);
        // rotate.records=3: offsets 0-2 are one object, 3 is in the open one
        assertThat(lines(store, true)).containsExactly("{\"id\":\"t/0/0\"}", "{\"id\":\"t/0/1\"}", "{\"id\":\"t/0/2\"}");
        Map<TopicPartition, OffsetAndMetadata> offsets = task.preCommit(Map.of(P0, new OffsetAndMetadata(4)));
        assertThat(offsets).isEqualTo(Map.of(P0, new OffsetAndMetadata(3)));
    }

    @Test
    void accessDeniedFailsTheTaskNamingTheBucket() {
        store.failFatallyWhen(op -> op.equals("PutObject"));
        assertThatThrownBy(() -> task.put(List.of(numbered("t", 0, 0, 1L), numbered("t", 0, 1, 1L),
                numbered("t", 0, 2, 1L)))).isInstanceOf(ConnectException.class)
                .isNotInstanceOf(RetriableException.class).hasMessageContaining("PutObject");
    }

    @Test
    void preCommitOnlyReportsAssignedPartitionsWithHandledRecords() {
        task.put(List.of(numbered("t", 0, 0, 1L)));
        assertThat(task.preCommit(Map.of())).isEmpty();
        assertThat(task.preCommit(Map.of(P0, new OffsetAndMetadata(1)))).isEqualTo(Map.of(P0, new OffsetAndMetadata(0)));
    }

    @Test
    void metricsAreInJmxUnderKebabCaseNames() throws Exception {
        task.put(List.of(numbered("t", 0, 0, 1L), numbered("t", 0, 1, 1L), numbered("t", 0, 2, 1L)));
        ObjectName name = new ObjectName("io.lakeloop.connect.s3:type=s3-sink-task-metrics,connector=test-sink,task=0");
        var server = ManagementFactory.getPlatformMBeanServer();
        assertThat(server.getAttribute(name, "records-written-total")).isEqualTo(3.0);
        assertThat(server.getAttribute(name, "records-landed-total")).isEqualTo(3.0);
        assertThat(server.getAttribute(name, "objects-written-total")).isEqualTo(1.0);
        assertThat((Double) server.getAttribute(name, "records-written-rate")).isPositive();
        assertThat(server.getAttribute(name, "open-files")).isEqualTo(0L);
        assertThat((Double) server.getAttribute(name, "upload-latency-max")).isPositive();
        assertThat((Double) server.getAttribute(name, "uploaded-bytes-total")).isPositive();
    }

    @Test
    void stoppingUnregistersTheMetricsAndLogsTheFinalLine() throws Exception {
        ObjectName name = new ObjectName("io.lakeloop.connect.s3:type=s3-sink-task-metrics,connector=test-sink,task=0");
        task.put(List.of(numbered("t", 0, 0, 1L)));
        task.stop();
        assertThat(ManagementFactory.getPlatformMBeanServer().isRegistered(name)).isFalse();
    }

    /** A context recording timeout and offset calls; a proxy so it compiles against Connect 3.7 and 4.x alike. */
    static final class FakeContext {
        long timeout = -1;
        final Map<TopicPartition, Long> offsets = new HashMap<>();

        SinkTaskContext proxy() {
            return (SinkTaskContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {SinkTaskContext.class}, (p, method, args) -> switch (method.getName()) {
                        case "timeout" -> {
                            timeout = (Long) args[0];
                            yield null;
                        }
                        case "offset" -> {
                            if (args.length == 2) {
                                offsets.put((TopicPartition) args[0], (Long) args[1]);
                            }
                            yield null;
                        }
                        case "assignment" -> Set.of(P0);
                        case "configs" -> Map.of();
                        case "toString" -> "FakeContext";
                        case "hashCode" -> System.identityHashCode(p);
                        case "equals" -> p == args[0];
                        default -> null;
                    });
        }
    }
}
