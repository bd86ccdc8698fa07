package io.lakeloop.testkit;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real KRaft broker (one combined broker + controller node, {@code KafkaClusterTestKit}) on an ephemeral port,
 * configured so that Kafka Streams and transactions work on a single node.
 *
 * <pre>{@code
 * @RegisterExtension static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.create();
 * KAFKA.createTopic("interactions", 3); KAFKA.produce("interactions", "u1", "{...}");
 * List<KafkaRecord> out = KAFKA.readCommitted("lake.interactions", 1, Duration.ofSeconds(60));
 * }</pre>
 *
 * <p>Needs Kafka 4.x ({@code org.apache.kafka.common.test.KafkaClusterTestKit}); for Connect on 3.7 use
 * {@link ConnectClusterExtension}, whose broker comes from Connect's own test jar.
 */
public final class KafkaBrokerExtension extends ClassScopedExtension {

    /** Broker settings that make a one-node cluster behave: internal topics with RF 1, no rebalance delay. */
    public static final Map<String, String> SINGLE_NODE_BROKER_PROPS = Map.of(
            "offsets.topic.replication.factor", "1",
            "offsets.topic.num.partitions", "1",
            "transaction.state.log.replication.factor", "1",
            "transaction.state.log.min.isr", "1",
            "group.initial.rebalance.delay.ms", "0",
            // tests build records with fixed historical timestamps (2024, 2026-03-07, pre-epoch): the broker's default
            // time retention (7 days, first checked 30 s after start) would delete them under a running test
            "log.retention.ms", "-1");

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBrokerExtension.class);

    private final Map<String, String> brokerProps = new LinkedHashMap<>(SINGLE_NODE_BROKER_PROPS);
    private final KafkaTestClient client = new KafkaTestClient(this::bootstrapServers);
    private KafkaClusterTestKit cluster;

    private KafkaBrokerExtension() {
    }

    /** A broker with {@link #SINGLE_NODE_BROKER_PROPS}. */
    public static KafkaBrokerExtension create() {
        return new KafkaBrokerExtension();
    }

    /** Overrides or adds a broker setting; call before start. */
    public KafkaBrokerExtension withBrokerProperty(String key, String value) {
        brokerProps.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
        return this;
    }

    @Override
    protected void doStart() throws Exception {
        long t0 = System.nanoTime();
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .build();
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
        brokerProps.forEach(builder::setConfigProp);
        cluster = builder.build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        LOG.info("KRaft broker up at {} in {} ms", cluster.bootstrapServers(), (System.nanoTime() - t0) / 1_000_000);
    }

    @Override
    protected void doStop() throws Exception {
        client.close();
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }

    /** {@code host:port} of the broker. */
    public String bootstrapServers() {
        requireRunning();
        return cluster.bootstrapServers();
    }

    /** Clients for topics, producing and reading (shared, owned by this extension). */
    public KafkaTestClient client() {
        requireRunning();
        return client;
    }

    /** The shared admin client. */
    public Admin adminClient() {
        return client().adminClient();
    }

    /** Creates a topic with RF 1. */
    public void createTopic(String name, int partitions) {
        client().createTopic(name, partitions);
    }

    /** Sends one String record and waits for the acknowledgement. */
    public void produce(String topic, String key, String value) {
        client().produce(topic, key, value);
    }

    /** Reads at least {@code expectedCount} records from the beginning (read_uncommitted). */
    public List<KafkaRecord> consume(String topic, int expectedCount, Duration timeout) {
        return client().consume(topic, expectedCount, timeout);
    }

    /** Reads at least {@code expectedCount} committed records from the beginning (read_committed). */
    public List<KafkaRecord> readCommitted(String topic, int expectedCount, Duration timeout) {
        return client().readCommitted(topic, expectedCount, timeout);
    }

    /** The underlying test kit, for anything not wrapped here (brokers(), controllers() ...). */
    public KafkaClusterTestKit cluster() {
        requireRunning();
        return cluster;
    }
}
