package io.lakeloop.bench.personalize;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkTaskContext;

/** The little of a SinkTaskContext the task uses when driven directly: an assignment, no errant-record reporter. */
final class BenchContext {

    private BenchContext() {
    }

    static SinkTaskContext of(Set<TopicPartition> assignment) {
        return (SinkTaskContext) Proxy.newProxyInstance(SinkTaskContext.class.getClassLoader(),
                new Class<?>[] {SinkTaskContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "assignment" -> assignment;
                    case "configs" -> Map.of();
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "BenchContext";
                    default -> null;
                });
    }
}
