package io.lakeloop.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.awaitility.Awaitility;

/**
 * Plain Kafka clients for a test: topics, producing and reading back records with their headers.
 *
 * <p>Uses only the public client API, so it works the same against the broker of {@link KafkaBrokerExtension}
 * and the one inside {@link ConnectClusterExtension}, on Kafka 3.7 and 4.x. The admin client and the two shared
 * producers belong to this object: do not close them. Every read starts at the beginning of the topic and uses no
 * consumer group.
 */
public final class KafkaTestClient implements AutoCloseable {

    /** Used by the helpers that take no timeout; generous because the build machine is shared and slow. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private static final Duration POLL = Duration.ofMillis(200);

    private final Supplier<String> bootstrapServers;
    private Admin admin;
    private KafkaProducer<String, String> stringProducer;
    private KafkaProducer<byte[], byte[]> bytesProducer;

    KafkaTestClient(Supplier<String> bootstrapServers) {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers);
    }

    /** {@code host:port} of the broker(s). */
    public String bootstrapServers() {
        return bootstrapServers.get();
    }

    /** A fresh map with {@code bootstrap.servers} set: a starting point for Streams apps and custom clients. */
    public Map<String, Object> clientProps() {
        Map<String, Object> props = new HashMap<>();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return props;
    }

    /** A shared admin client (owned here: do not close it). */
    public synchronized Admin adminClient() {
        if (admin == null) {
            Map<String, Object> props = clientProps();
            props.put(AdminClientConfig.CLIENT_ID_CONFIG, "testkit-admin");
            admin = Admin.create(props);
        }
        return admin;
    }

    /** Creates a topic with replication factor 1 and waits until it exists. */
    public void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    /** Creates a topic with replication factor 1 and the given topic configs, and waits until it exists. */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        NewTopic topic = new NewTopic(name, partitions, (short) 1).configs(configs);
        get(adminClient().createTopics(List.of(topic)).all(), "create topic " + name);
    }

    /** The shared idempotent String producer (acks=all; owned here: do not close it). */
    public synchronized KafkaProducer<String, String> producer() {
        if (stringProducer == null) {
            stringProducer = new KafkaProducer<>(producerProps(), new StringSerializer(), new StringSerializer());
        }
        return stringProducer;
    }

    /** The shared idempotent byte[] producer (acks=all; owned here: do not close it). */
    public synchronized KafkaProducer<byte[], byte[]> bytesProducer() {
        if (bytesProducer == null) {
            bytesProducer = new KafkaProducer<>(producerProps(), new ByteArraySerializer(), new ByteArraySerializer());
        }
        return bytesProducer;
    }

    /**
     * A new transactional String producer, {@code initTransactions()} already called. The caller closes it.
     */
    public KafkaProducer<String, String> transactionalProducer(String transactionalId) {
        Map<String, Object> props = producerProps();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        KafkaProducer<String, String> p = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        p.initTransactions();
        return p;
    }

    /** Sends one String record and waits for the broker's acknowledgement. */
    public void produce(String topic, String key, String value) {
        produce(topic, key, value, Map.of());
    }

    /** Sends one String record with UTF-8 headers and waits for the broker's acknowledgement. */
    public void produce(String topic, String key, String value, Map<String, String> headers) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((k, v) -> record.headers().add(k, v == null ? null : v.getBytes(StandardCharsets.UTF_8)));
        get(producer().send(record), "produce to " + topic);
    }

    /** Sends one byte[] record and waits for the broker's acknowledgement. */
    public void produce(String topic, byte[] key, byte[] value) {
        get(bytesProducer().send(new ProducerRecord<>(topic, key, value)), "produce to " + topic);
    }

    /**
     * Sends the records (keys, values, headers and timestamps as given) and waits until the broker acknowledged all of
     * them; each send is awaited so that one failure names its record.
     */
    public void produce(String topic, java.util.Collection<HostileRecord> records) {
        for (HostileRecord r : records) {
            get(bytesProducer().send(r.toProducerRecord(topic)), "produce " + r + " to " + topic);
        }
    }

    /**
     * Reads {@code topic} from the beginning (read_uncommitted) until at least {@code expectedCount} records have
     * arrived, and returns what was read; fails with the records seen so far when the timeout passes first.
     */
    public List<KafkaRecord> consume(String topic, int expectedCount, Duration timeout) {
        return readAtLeast(topic, expectedCount, timeout, IsolationLevel.READ_UNCOMMITTED);
    }

    /** As {@link #consume}, but read_committed: records of open or aborted transactions never show. */
    public List<KafkaRecord> readCommitted(String topic, int expectedCount, Duration timeout) {
        return readAtLeast(topic, expectedCount, timeout, IsolationLevel.READ_COMMITTED);
    }

    /** Every record in {@code topic} now, up to the end offsets taken when called (read_uncommitted). */
    public List<KafkaRecord> consumeAll(String topic, Duration timeout) {
        return readToEnd(topic, timeout, IsolationLevel.READ_UNCOMMITTED);
    }

    /** Every committed record in {@code topic} now, up to the last stable offset taken when called. */
    public List<KafkaRecord> readAllCommitted(String topic, Duration timeout) {
        return readToEnd(topic, timeout, IsolationLevel.READ_COMMITTED);
    }

    @Override
    public synchronized void close() {
        Utils.closeQuietly(stringProducer, "testkit string producer");
        Utils.closeQuietly(bytesProducer, "testkit bytes producer");
        Utils.closeQuietly(admin, "testkit admin");
        stringProducer = null;
        bytesProducer = null;
        admin = null;
    }

    private List<KafkaRecord> readAtLeast(String topic, int expectedCount, Duration timeout, IsolationLevel iso) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<KafkaRecord> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = newConsumer(iso)) {
            assignFromBeginning(consumer, topic, deadline);
            while (out.size() < expectedCount) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(String.format(Locale.ROOT,
                            "expected at least %d records in %s (%s) within %s, got %d: %s",
                            expectedCount, topic, iso, timeout, out.size(), out));
                }
                consumer.poll(POLL).forEach(r -> out.add(KafkaRecord.of(r)));
            }
        }
        return out;
    }

    private List<KafkaRecord> readToEnd(String topic, Duration timeout, IsolationLevel iso) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<KafkaRecord> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = newConsumer(iso)) {
            Set<TopicPartition> partitions = assignFromBeginning(consumer, topic, deadline);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, remaining(deadline));
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to " + end + " in " + timeout
                            + ", got " + out.size() + ": " + out);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                    out.add(KafkaRecord.of(r));
                }
            }
        }
        return out;
    }

    private Set<TopicPartition> assignFromBeginning(KafkaConsumer<byte[], byte[]> consumer, String topic,
                                                    long deadline) {
        Set<TopicPartition> partitions = Awaitility.await("topic " + topic + " to exist")
                .atMost(remaining(deadline).plusMillis(1))
                .pollInterval(POLL)
                .until(() -> consumer.partitionsFor(topic, remaining(deadline)).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition()))
                        .collect(Collectors.toSet()), set -> !set.isEmpty());
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return partitions;
    }

    private KafkaConsumer<byte[], byte[]> newConsumer(IsolationLevel iso) {
        Map<String, Object> props = clientProps();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, iso.toString().toLowerCase(Locale.ROOT));
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private Map<String, Object> producerProps() {
        Map<String, Object> props = clientProps();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return props;
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(deadline - System.nanoTime(), 0));
    }

    private static <T> T get(java.util.concurrent.Future<T> future, String what) {
        try {
            return future.get(DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + what, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("failed to " + what, e);
        }
    }
}
