package io.lakeloop.connect.personalize;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;

/** A SinkTaskContext for driving a task directly (a proxy, so it fits every Connect version's interface). */
public final class FakeContext {

    public record Reported(SinkRecord record, Throwable error) {
    }

    public final List<Reported> reported = new CopyOnWriteArrayList<>();
    /** Every {@code timeout(ms)} the task asked for, in order. */
    public final List<Long> timeouts = new CopyOnWriteArrayList<>();
    private final Set<TopicPartition> assignment;
    private final boolean withReporter;

    public FakeContext(Set<TopicPartition> assignment, boolean withReporter) {
        this.assignment = assignment;
        this.withReporter = withReporter;
    }

    public SinkTaskContext context() {
        ErrantRecordReporter reporter = (record, error) -> {
            reported.add(new Reported(record, error));
            return CompletableFuture.completedFuture(null);
        };
        return (SinkTaskContext) Proxy.newProxyInstance(SinkTaskContext.class.getClassLoader(),
                new Class<?>[] {SinkTaskContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "errantRecordReporter" -> withReporter ? reporter : null;
                    case "assignment" -> assignment;
                    case "configs" -> Map.of();
                    case "timeout" -> {
                        timeouts.add((Long) args[0]);
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "FakeContext";
                    default -> null;
                });
    }
}
