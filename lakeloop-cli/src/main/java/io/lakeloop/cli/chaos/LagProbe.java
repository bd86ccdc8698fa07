package io.lakeloop.cli.chaos;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * The consumer lag of the pipeline's groups (the sinks' {@code connect-<connector>} groups and the collator's
 * application id): committed offsets against the last committed record of each partition, as any lag monitor reads
 * them. A group lags by what it has not yet committed, so a sink that commits only landed objects shows its batching
 * as lag even when healthy.
 */
final class LagProbe implements AutoCloseable {

    private static final long TIMEOUT_MS = 5000;

    private final List<String> groups;
    private final Admin admin;

    LagProbe(String bootstrap, List<String> groups) {
        this.groups = List.copyOf(groups);
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "lakeloop-demo-lag");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "8000");
        this.admin = Admin.create(props);
    }

    /** Group → records not yet committed; a group that cannot be read now is left out. */
    Map<String, Long> sample() {
        Map<String, Long> lags = new LinkedHashMap<>();
        for (String group : groups) {
            try {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                var ends = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                        .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
                long lag = 0;
                for (var e : committed.entrySet()) {
                    if (e.getValue() != null && ends.containsKey(e.getKey())) {
                        lag += Math.max(0, ends.get(e.getKey()).offset() - e.getValue().offset());
                    }
                }
                lags.put(group, lag);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // the broker is down or the group is rebalancing: no reading this time
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return lags;
            }
        }
        return lags;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
