package io.lakeloop.cli.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a whole topic from the beginning without a consumer group (nothing is committed, nothing disturbs the
 * pipeline's own consumers), committed records only, and continues incrementally on each {@link #poll} call.
 */
public final class TopicReader implements AutoCloseable {

    /** The longest one {@link #poll} call reads. */
    static final Duration READ_BUDGET = Duration.ofSeconds(2);

    private final String topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private boolean assigned;

    public TopicReader(String bootstrap, String topic) {
        this.topic = topic;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "lakeloop-demo-" + topic);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Hands the records that arrived since the last call to {@code sink}; returns how many. */
    public int poll(Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        if (!assign()) {
            return 0;
        }
        int total = 0;
        // a topic written as fast as it is read never looks empty: the next call goes on where this one stopped
        long deadline = System.nanoTime() + READ_BUDGET.toNanos();
        while (System.nanoTime() < deadline) {
            var records = consumer.poll(Duration.ofMillis(200));
            if (records.isEmpty()) {
                return total;
            }
            records.forEach(sink);
            total += records.count();
        }
        return total;
    }

    private boolean assign() {
        if (assigned) {
            return true;
        }
        // a dead-letter topic appears only once its connector reports something: ask cheaply until it exists
        List<PartitionInfo> partitions = consumer.listTopics(Duration.ofSeconds(5)).get(topic);
        if (partitions == null || partitions.isEmpty()) {
            return false;
        }
        List<TopicPartition> tps = new ArrayList<>();
        partitions.forEach(p -> tps.add(new TopicPartition(topic, p.partition())));
        consumer.assign(tps);
        consumer.seekToBeginning(tps);
        assigned = true;
        return true;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
