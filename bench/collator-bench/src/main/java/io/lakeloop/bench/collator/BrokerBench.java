package io.lakeloop.bench.collator;

import io.lakeloop.streams.collator.CollatorConfig;
import io.lakeloop.streams.collator.CollatorService;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The collator on a real KRaft broker (in this JVM), exactly-once on, one stream thread: the input topic is
 * pre-loaded, then the service collates it. Throughput per core = events / CPU time of the collator's own threads
 * (the stream thread, its producer's I/O thread, the heartbeat thread — every thread named after the application
 * id); the broker's threads are not counted. Each run's lake topic is read back (read_committed) and must hold
 * exactly the events sent.
 *
 * <pre>java -cp "$(cat bench/collator-bench/target/classpath.txt):bench/collator-bench/target/classes" \
 *   io.lakeloop.bench.collator.BrokerBench [events per run] [repetitions]</pre>
 */
public final class BrokerBench {

    private static final int PARTITIONS = 4;

    private final KafkaClusterTestKit cluster;
    private final Admin admin;
    private int run;

    private BrokerBench() throws Exception {
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

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        BrokerBench bench = new BrokerBench();
        System.out.printf(Locale.ROOT, "KRaft broker in-JVM, exactly_once_v2, 1 stream thread, %d input partitions, "
                + "%d events per run%n", PARTITIONS, events);
        try {
            // Kafka Streams' own exactly-once defaults, which the collator overrides
            Map<String, Object> streamsDefaults = Map.of("commit.interval.ms", 100, "producer.batch.size", 16_384);
            for (Payloads.Shape shape : Payloads.Shape.values()) {
                bench.run(shape, events / 5, true, Map.of(), true);
            }
            for (int rep = 0; rep < repetitions; rep++) {
                for (Payloads.Shape shape : Payloads.Shape.values()) {
                    bench.run(shape, events, true, Map.of(), false);
                    bench.run(shape, events, true, streamsDefaults, false);
                    bench.run(shape, events, false, Map.of(), false);
                }
            }
        } finally {
            bench.admin.close();
            bench.cluster.close();
        }
    }

    void run(Payloads.Shape shape, int events, boolean repartition, Map<String, Object> extra, boolean warmup)
            throws Exception {
        String name = "bench-" + (++run);
        admin.createTopics(List.of(new NewTopic(name, PARTITIONS, (short) 1))).all().get();
        preload(name, Payloads.generate(shape, events, System.currentTimeMillis() - 3_600_000, run));
        Path stateDir = Files.createTempDirectory("collator-bench");
        Map<String, Object> props = new HashMap<>(extra);
        props.put("bootstrap.servers", cluster.bootstrapServers());
        props.put("application.id", name);
        props.put("state.dir", stateDir.toString());
        props.put("num.stream.threads", 1);
        props.put(CollatorConfig.INPUT_TOPICS_CONFIG, name);
        props.put(CollatorConfig.OUTPUT_TOPIC_CONFIG, name + ".lake");
        props.put(CollatorConfig.DLQ_TOPIC_CONFIG, name + ".dlq");
        props.put(CollatorConfig.HTTP_PORT_CONFIG, -1);
        props.put(CollatorConfig.DEDUPE_REPARTITION_CONFIG, repartition);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long wall;
        long cpu;
        long streamCpu;
        try (CollatorService service = CollatorService.start(CollatorConfig.of(props))) {
            Map<Long, Long> cpu0 = new HashMap<>();
            while (service.state() != KafkaStreams.State.RUNNING) {
                cpuByThread(mx, name, cpu0, null);
                Thread.onSpinWait();
            }
            long wall0 = System.nanoTime();
            while (service.metrics().eventsOut() < events) {
                Thread.sleep(5);
            }
            wall = System.nanoTime() - wall0;
            long[] totals = cpuByThread(mx, name, new HashMap<>(), cpu0);
            cpu = totals[0];
            streamCpu = totals[1];
        } finally {
            Utils.delete(stateDir.toFile());
        }
        long committed = countCommitted(name + ".lake");
        if (committed != events) {
            throw new IllegalStateException(name + ": expected " + events + " committed lake rows, found " + committed);
        }
        if (!warmup) {
            System.out.printf(Locale.ROOT, "  %-8s repartition=%-5s %-28s %,9.0f events/s per core (collator threads)"
                            + "  %,9.0f per stream-thread core  %,9.0f events/s wall%n", shape, repartition,
                    extra.isEmpty() ? "collator defaults" : extra.toString(), events / (cpu / 1e9),
                    events / (streamCpu / 1e9), events / (wall / 1e9));
        }
    }

    /** CPU ns of the threads named after {@code appId}, minus their {@code base}; fills {@code into}. */
    private static long[] cpuByThread(ThreadMXBean mx, String appId, Map<Long, Long> into, Map<Long, Long> base) {
        long total = 0;
        long stream = 0;
        for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info == null || !info.getThreadName().contains(appId + "-")) {
                continue;
            }
            long t = mx.getThreadCpuTime(info.getThreadId());
            if (t < 0) {
                continue;
            }
            into.put(info.getThreadId(), t);
            long delta = t - (base == null ? 0 : base.getOrDefault(info.getThreadId(), 0L));
            total += delta;
            if (info.getThreadName().endsWith("StreamThread-1")) {
                stream += delta;
            }
        }
        return new long[] {total, stream};
    }

    private void preload(String topic, List<Payloads.Raw> raws) throws Exception {
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
        List<java.util.concurrent.Future<?>> sent = new java.util.ArrayList<>(raws.size());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (Payloads.Raw raw : raws) {
                sent.add(producer.send(new ProducerRecord<>(topic, raw.key(), raw.value())));
            }
            producer.flush();
        }
        for (java.util.concurrent.Future<?> f : sent) {
            f.get();
        }
    }

    private long countCommitted(String topic) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        long n = 0;
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            Set<TopicPartition> tps = c.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).collect(Collectors.toSet());
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> end = c.endOffsets(tps);
            while (tps.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                n += c.poll(Duration.ofMillis(200)).count();
            }
        }
        return n;
    }
}
