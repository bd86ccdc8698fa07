package io.lakeloop.streams.collator;

import io.lakeloop.streams.collator.serde.CollatedSerde;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The collator's topology, a pure function of its config (no I/O):
 *
 * <pre>
 * interactions-source (bytes, bytes)
 *   └─ collate ─┬─ route-dlq ── dlq-record ─ dlq-sink → interactions.dlq
 *               ├─ route-direct ───────────────────────┐
 *               └─ route-reroute ─ by-user (repartition) ─ dedupe (dedupe-ids) ─┬─ lake-sink → lake.interactions
 *                                                                               └─ dedupe-dlq-sink → interactions.dlq
 * </pre>
 *
 * One sub-topology: the dedupe step reads both the events already in the partition of their user
 * ({@code route-direct}) and the others after the {@code by-user} repartition ({@link ByUserRouting}), so the
 * {@code by-user} topic has as many partitions as the input (the number given here). Keys and values are read as
 * bytes, so no record can fail deserialisation and stop the app: undecodable values become dead letters, and so do
 * unreadable internal repartition records ({@link CollatedSerde}). With {@code collator.dedupe.repartition=false}
 * every event goes straight to the dedupe step and there is no {@code by-user} topic.
 */
public final class CollatorTopology {

    public static final String SOURCE = "interactions-source";
    public static final String COLLATE = "collate";
    public static final String ROUTE = "route-";
    public static final String TO_DLQ = "dlq";
    public static final String DIRECT = "direct";
    public static final String REROUTE = "reroute";
    public static final String REPARTITION = "by-user";
    public static final String DEDUPE = "dedupe";
    /**
     * Renamed from {@code dedupe-store} when the store became bucketed (point lookups): a collator of an earlier build
     * starts with an empty dedupe window once.
     */
    public static final String DEDUPE_STORE = "dedupe-ids";
    public static final String LAKE_SINK = "lake-sink";
    public static final String DLQ_SINK = "dlq-sink";
    public static final String DEDUPE_DLQ_SINK = "dedupe-dlq-sink";

    private CollatorTopology() {
    }

    /** The topology with fresh counters, for one input partition (for tests and tools that do not read them). */
    public static Topology build(CollatorConfig config) {
        return build(config, new CollatorMetrics());
    }

    /** The topology counting into {@code metrics}, with a guard of its own, for one input partition. */
    public static Topology build(CollatorConfig config, CollatorMetrics metrics) {
        return build(config, metrics, new OutputGuard(metrics), config.producerMaxRequestSize(), 1);
    }

    /**
     * @param guard             the instance's refused outputs, shared with its {@link RefusedOutputHandler}
     * @param deadLetterMaxSize the largest dead letter that can be written (producer and dead-letter topic limits)
     * @param partitions        the partitions of the first input topic, and so of the {@code by-user} topic
     */
    public static Topology build(CollatorConfig config, CollatorMetrics metrics, OutputGuard guard,
                                 int deadLetterMaxSize, int partitions) {
        return build(config, metrics, guard, deadLetterMaxSize, partitions, () -> EventCollator.of(config));
    }

    static Topology build(CollatorConfig config, CollatorMetrics metrics, OutputGuard guard, int deadLetterMaxSize,
                          int partitions, Supplier<EventCollator> collators) {
        StreamsBuilder builder = new StreamsBuilder();
        DeadLetterRecords deadLetters = new DeadLetterRecords(config.dlqTopic(), deadLetterMaxSize, guard, metrics);
        ByUserRouting routing = new ByUserRouting(config.repartitionByUser(), partitions);

        KStream<String, Collated> collated = builder
                .stream(config.inputTopics(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withTimestampExtractor(new InvalidTimestampFallback())
                        .withName(SOURCE))
                .process(() -> new CollateProcessor(collators.get(), metrics, deadLetters, routing),
                        Named.as(COLLATE));

        Map<String, KStream<String, Collated>> routes = collated.split(Named.as(ROUTE))
                .branch((userId, value) -> value instanceof DeadLetter, Branched.as(TO_DLQ))
                .branch((userId, value) -> ((CollatedEvent) value).direct(), Branched.as(DIRECT))
                .defaultBranch(Branched.as(REROUTE));
        routes.get(ROUTE + TO_DLQ)
                .map((userId, value) -> {
                    DeadLetter dead = (DeadLetter) value;
                    return KeyValue.pair(dead.key(), dead.value());
                }, Named.as("dlq-record"))
                .to(config.dlqTopic(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(DLQ_SINK));
        if (config.repartitionByUser()) {
            routes.get(ROUTE + REROUTE).repartition(Repartitioned.<String, Collated>as(REPARTITION)
                    .withNumberOfPartitions(partitions)
                    .withKeySerde(Serdes.String())
                    .withValueSerde(new CollatedSerde()));
        }

        Topology topology = builder.build(config.streamsProperties());
        String[] parents = config.repartitionByUser()
                ? new String[] {ROUTE + DIRECT, repartitionSource(topology)} : new String[] {ROUTE + DIRECT};
        long filterBytes = config.dedupeFilterBytes(partitions);
        topology.addProcessor(DEDUPE, () -> new DedupeProcessor(config.dedupeRetention(), filterBytes, metrics,
                deadLetters, guard, config.outputTopic()), parents);
        topology.addStateStore(dedupeStore(config), DEDUPE);
        topology.addSink(LAKE_SINK, config.outputTopic(), new StringSerializer(), new StringSerializer(), DEDUPE);
        topology.addSink(DEDUPE_DLQ_SINK, config.dlqTopic(), new ByteArraySerializer(), new ByteArraySerializer(),
                DEDUPE);
        return topology;
    }

    /** The node that reads the {@code by-user} topic (named by Kafka Streams: found by its topic). */
    private static String repartitionSource(Topology topology) {
        for (TopologyDescription.Subtopology sub : topology.describe().subtopologies()) {
            for (TopologyDescription.Node node : sub.nodes()) {
                if (node instanceof TopologyDescription.Source source && source.topicSet() != null
                        && source.topicSet().stream().anyMatch(t -> t.endsWith(REPARTITION + "-repartition"))) {
                    return source.name();
                }
            }
        }
        throw new IllegalStateException("no source node reads the " + REPARTITION + " repartition topic");
    }

    private static StoreBuilder<WindowStore<Bytes, Long>> dedupeStore(CollatorConfig config) {
        // two buckets of one retention each (DedupeProcessor); one segment per bucket. Keys are the UTF-8 bytes of
        // DedupeProcessor.storeKey, values the first copy's record time.
        return Stores.windowStoreBuilder(Stores.persistentWindowStore(DEDUPE_STORE,
                config.dedupeRetention().multipliedBy(2), config.dedupeRetention(), false), Serdes.Bytes(),
                Serdes.Long());
    }
}
