package io.lakeloop.bench.collator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/** A one-node KRaft broker in this JVM, with the helpers the benchmarks need: create, pre-load, read back. */
final class BenchBroker implements AutoCloseable {

    private final KafkaClusterTestKit cluster;
    private final Admin admin;

    BenchBroker() throws Exception {
        KafkaClusterTestKit.Builder b = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build());
        Map.of("offsets.topic.replication.factor", "1", "offsets.topic.num.partitions", "1",
                "transaction.state.log.replication.factor", "1", "transaction.state.log.min.isr", "1",
                "transaction.state.log.num.partitions", "1", "group.initial.rebalance.delay.ms", "0")
                .forEach(b::setConfigProp);
        cluster = b.build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()));
    }

    String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    void createTopic(String name, int partitions) throws Exception {
        admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
    }

    /** Sends every record and checks every send (one request in flight, no idempotence: see below). */
    void preload(String topic, Iterable<Payloads.Raw> raws) throws Exception {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        // Kafka 4.1.2: an idempotent producer's first requests to a just-created partition can be reordered around
        // the partition's creation and then retried with OUT_OF_ORDER_SEQUENCE_NUMBER until they expire
        // (KAFKA-15591). The preload uses one request in flight and no idempotence, and checks every send.
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        List<Future<?>> sent = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (Payloads.Raw raw : raws) {
                sent.add(producer.send(new ProducerRecord<>(topic, raw.key(), raw.value())));
                if (sent.size() >= 100_000) {
                    check(sent);
                }
            }
            producer.flush();
        }
        check(sent);
    }

    private static void check(List<Future<?>> sent) throws Exception {
        for (Future<?> f : sent) {
            f.get();
        }
        sent.clear();
    }

    /**
     * Reads {@code topic} with {@code isolation.level=read_committed} and returns how many records it holds and how
     * many distinct values {@code id} gives them: under exactly-once both must equal what was sent.
     */
    long[] committedAndDistinct(String topic, Function<byte[], String> id) {
        Set<String> ids = new HashSet<>();
        long n = readCommitted(topic, 5000, value -> ids.add(id.apply(value)));
        return new long[] {n, ids.size()};
    }

    /**
     * As {@link #committedAndDistinct} for topics too large for a set of strings: distinct by a 64-bit hash of each
     * lake row's EVENT_ID in an open-addressing table (a false "duplicate" has a chance of about n^2 / 2^65).
     */
    long[] committedAndDistinctLarge(String topic) {
        long[] table = new long[1 << 25];
        long[] distinct = {0};
        long n = readCommitted(topic, 10_000, value -> {
            long h = Floors.fnv1a64(eventIdOfRow(value).getBytes(StandardCharsets.UTF_8)) | 1;
            int i = (int) (h ^ (h >>> 32)) & (table.length - 1);
            while (table[i] != 0 && table[i] != h) {
                i = (i + 1) & (table.length - 1);
            }
            if (table[i] == 0) {
                table[i] = h;
                distinct[0]++;
            }
        });
        return new long[] {n, distinct[0]};
    }

    /** Reads {@code topic} from the beginning to its end offsets, read_committed; returns the number of records. */
    private long readCommitted(String topic, int maxPollRecords, java.util.function.Consumer<byte[]> eachValue) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        long n = 0;
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            Set<TopicPartition> tps = c.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).collect(Collectors.toSet());
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> end = c.endOffsets(tps);
            while (tps.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    n++;
                    eachValue.accept(r.value());
                }
            }
        }
        return n;
    }

    /** The EVENT_ID of a lake row, without a JSON parser. */
    static String eventIdOfRow(byte[] row) {
        String s = new String(row, StandardCharsets.UTF_8);
        int i = s.indexOf("\"EVENT_ID\":\"");
        return i < 0 ? s : s.substring(i + 12, s.indexOf('"', i + 12));
    }

    @Override
    public void close() throws Exception {
        admin.close();
        cluster.close();
    }
}
