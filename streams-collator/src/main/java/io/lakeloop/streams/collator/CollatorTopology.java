package io.lakeloop.streams.collator;

import io.lakeloop.streams.collator.serde.CollatedSerde;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
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
 *   └─ collate ─┬─ route-lake ─ [by-user repartition] ─ dedupe (dedupe-store) ─┬─ lake-sink → lake.interactions
 *               │                                                              └─ dedupe-dlq-sink → interactions.dlq
 *               └─ route-dlq ── dlq-record ─ dlq-sink → interactions.dlq
 * </pre>
 *
 * Keys and values are read as bytes, so no record can fail deserialisation and stop the app: undecodable values
 * become dead letters, and so do unreadable internal repartition records ({@link CollatedSerde}). With
 * {@code collator.dedupe.repartition=false} the {@code by-user} step is left out.
 */
public final class CollatorTopology {

    public static final String SOURCE = "interactions-source";
    public static final String COLLATE = "collate";
    public static final String ROUTE = "route-";
    public static final String TO_LAKE = "lake";
    public static final String TO_DLQ = "dlq";
    public static final String REPARTITION = "by-user";
    public static final String DEDUPE = "dedupe";
    public static final String DEDUPE_STORE = "dedupe-store";
    public static final String LAKE_SINK = "lake-sink";
    public static final String DLQ_SINK = "dlq-sink";
    public static final String DEDUPE_DLQ_SINK = "dedupe-dlq-sink";

    private CollatorTopology() {
    }

    /** The topology with fresh counters (for tests and tools that do not read them). */
    public static Topology build(CollatorConfig config) {
        return build(config, new CollatorMetrics());
    }

    /** The topology counting into {@code metrics}, with a guard of its own. */
    public static Topology build(CollatorConfig config, CollatorMetrics metrics) {
        return build(config, metrics, new OutputGuard(metrics), config.producerMaxRequestSize());
    }

    /**
     * @param guard             the instance's refused outputs, shared with its {@link RefusedOutputHandler}
     * @param deadLetterMaxSize the largest dead letter that can be written (producer and dead-letter topic limits)
     */
    public static Topology build(CollatorConfig config, CollatorMetrics metrics, OutputGuard guard,
                                 int deadLetterMaxSize) {
        return build(config, metrics, guard, deadLetterMaxSize, () -> EventCollator.of(config));
    }

    static Topology build(CollatorConfig config, CollatorMetrics metrics, OutputGuard guard, int deadLetterMaxSize,
                          java.util.function.Supplier<EventCollator> collators) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(dedupeStore(config));
        DeadLetterRecords deadLetters = new DeadLetterRecords(config.dlqTopic(), deadLetterMaxSize, guard, metrics);

        KStream<String, Collated> collated = builder
                .stream(config.inputTopics(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withTimestampExtractor(new InvalidTimestampFallback())
                        .withName(SOURCE))
                .process(() -> new CollateProcessor(collators.get(), metrics, deadLetters), Named.as(COLLATE));

        Map<String, KStream<String, Collated>> routes = collated.split(Named.as(ROUTE))
                .branch((userId, value) -> value instanceof CollatedEvent, Branched.as(TO_LAKE))
                .defaultBranch(Branched.as(TO_DLQ));

        KStream<String, Collated> events = routes.get(ROUTE + TO_LAKE);
        if (config.repartitionByUser()) {
            events = events.repartition(Repartitioned.<String, Collated>as(REPARTITION)
                    .withKeySerde(Serdes.String())
                    .withValueSerde(new CollatedSerde()));
        }
        KStream<Object, Object> deduped = events.process(() -> new DedupeProcessor(config.dedupeRetention(), metrics,
                deadLetters, guard, config.outputTopic()), Named.as(DEDUPE), DEDUPE_STORE);
        deduped.to(config.outputTopic(), produced(Serdes.String(), Serdes.String(), LAKE_SINK));
        deduped.to(config.dlqTopic(), produced(Serdes.ByteArray(), Serdes.ByteArray(), DEDUPE_DLQ_SINK));

        routes.get(ROUTE + TO_DLQ)
                .map((userId, value) -> {
                    DeadLetter dead = (DeadLetter) value;
                    return KeyValue.pair(dead.key(), dead.value());
                }, Named.as("dlq-record"))
                .to(config.dlqTopic(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(DLQ_SINK));

        return builder.build(config.streamsProperties());
    }

    /** The dedupe step forwards to its two sinks by name, so the stream it returns carries both kinds of record. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Produced<Object, Object> produced(Serde<?> keys, Serde<?> values, String name) {
        return (Produced) Produced.with(keys, values).withName(name);
    }

    private static StoreBuilder<WindowStore<String, Long>> dedupeStore(CollatorConfig config) {
        return Stores.windowStoreBuilder(
                Stores.persistentWindowStore(DEDUPE_STORE, config.dedupeRetention(), config.dedupeRetention(), false),
                Serdes.String(), Serdes.Long());
    }
}
