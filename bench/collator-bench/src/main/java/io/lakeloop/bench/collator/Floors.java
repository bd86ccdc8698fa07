package io.lakeloop.bench.collator;

import io.lakeloop.streams.collator.CollatedEvent;
import io.lakeloop.streams.collator.EventCollator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Kafka Streams' own floor under the collator, on the same broker, partitions and Streams settings: what exactly-once
 * costs with no logic at all.
 *
 * <ul>
 *   <li>{@link #passThrough}: bytes in, the same bytes out, no state.</li>
 *   <li>{@link #store}: the collator's Kafka Streams shape without its logic — key by the record key,
 *       repartition (or not), look the record up in a persistent window store of the same retention and put it
 *       there, write it out. The store key is the record key plus a 64-bit hash of the value bytes (no parsing).</li>
 *   <li>{@link #collate}: the collator's own logic ({@link EventCollator}: parse, validate, derive the id, render the
 *       lake row) on the pass-through, with no dedupe state at all — the ceiling of any dedupe design: a collator that
 *       dedupes cannot be cheaper than this.</li>
 * </ul>
 * Each counts what it writes, so the bench knows when it is done.
 */
final class Floors {

    private Floors() {
    }

    static Topology passThrough(String input, String output, LongAdder out) {
        StreamsBuilder b = new StreamsBuilder();
        b.stream(input, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .peek((k, v) -> out.increment(), Named.as("count"))
                .to(output, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        return b.build();
    }

    /** Raw records in, one lake row per event out (key USER_ID, value the row), no state; counts events. */
    static Topology collate(String input, String output, EventCollator collator, LongAdder out) {
        StreamsBuilder b = new StreamsBuilder();
        b.stream(input, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .process(() -> new Collate(collator, out), Named.as("collate"))
                .to(output, Produced.with(Serdes.String(), Serdes.String()));
        return b.build();
    }

    /**
     * @param repartition  whether records go through a repartition topic first (the collator's {@code by-user} hop,
     *                     taken by input not keyed by user) or straight to the store (input keyed by user)
     * @param pointLookups {@code false}: the window store is asked with a range fetch over the retention (the
     *                     collator's store before issue 16); {@code true}: as the collator's bucketed store is, with
     *                     three point lookups and a put at the bucket ({@code DedupeProcessor})
     */
    static Topology store(String input, String output, Duration retention, LongAdder out, boolean repartition,
                          boolean pointLookups) {
        StreamsBuilder b = new StreamsBuilder();
        b.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore("floor-store",
                pointLookups ? retention.multipliedBy(2) : retention, retention, false), Serdes.String(), Serdes.Long()));
        KStream<String, byte[]> keyed = b.stream(input, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .selectKey((k, v) -> new String(k, StandardCharsets.UTF_8), Named.as("by-key"));
        if (repartition) {
            keyed = keyed.repartition(Repartitioned.<String, byte[]>as("floor").withKeySerde(Serdes.String())
                    .withValueSerde(Serdes.ByteArray()));
        }
        keyed.process(() -> new Seen(retention.toMillis(), out, pointLookups), Named.as("seen"), "floor-store")
                .to(output, Produced.with(Serdes.String(), Serdes.ByteArray()));
        return b.build();
    }

    /** 64-bit FNV-1a: cheap, and no collision among a few million distinct values in practice. */
    static long fnv1a64(byte[] bytes) {
        long h = 0xcbf29ce484222325L;
        for (byte b : bytes) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** The collator's dedupe step without the collator: fetch, put, forward. */
    private static final class Seen implements Processor<String, byte[], String, byte[]> {

        private final long retentionMs;
        private final LongAdder out;
        private final boolean pointLookups;
        private ProcessorContext<String, byte[]> context;
        private WindowStore<String, Long> store;

        Seen(long retentionMs, LongAdder out, boolean pointLookups) {
            this.retentionMs = retentionMs;
            this.out = out;
            this.pointLookups = pointLookups;
        }

        @Override
        public void init(ProcessorContext<String, byte[]> context) {
            this.context = context;
            this.store = context.getStateStore("floor-store");
        }

        @Override
        public void process(Record<String, byte[]> record) {
            String key = record.key() + ":" + Long.toHexString(fnv1a64(record.value()));
            long ts = record.timestamp();
            if (pointLookups) {
                long bucket = ts - Math.floorMod(ts, retentionMs);
                for (long b = bucket - retentionMs; b <= bucket + retentionMs; b += retentionMs) {
                    Long first = store.fetch(key, b);
                    if (first != null && Math.abs(ts - first) <= retentionMs) {
                        return;
                    }
                }
                store.put(key, ts, bucket);
            } else {
                try (WindowStoreIterator<Long> it = store.fetch(key, Math.max(0, ts - retentionMs), ts + retentionMs)) {
                    if (it.hasNext()) {
                        return;
                    }
                }
                store.put(key, ts, ts);
            }
            out.increment();
            context.forward(record);
        }
    }

    /** {@link EventCollator#collate} and nothing else: what the collator does to a record, less its dedupe step. */
    private static final class Collate implements Processor<byte[], byte[], String, String> {

        private final EventCollator collator;
        private final LongAdder out;
        private ProcessorContext<String, String> context;

        Collate(EventCollator collator, LongAdder out) {
            this.collator = collator;
            this.out = out;
        }

        @Override
        public void init(ProcessorContext<String, String> context) {
            this.context = context;
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            long now = context.currentSystemTimeMs();
            EventCollator.Collation collation = collator.collate(record.key(), record.value(), record.timestamp(), now);
            if (!collation.deadLetters().isEmpty()) {
                // the bench's input is valid: a dead letter here is a bench defect, and must not pass as speed
                throw new IllegalStateException("floor collate: " + collation.deadLetters().size()
                        + " dead letter(s) for valid input: " + collation.deadLetters().get(0).reason());
            }
            long ts = Math.min(record.timestamp(), now);
            for (CollatedEvent event : collation.events()) {
                out.increment();
                context.forward(new Record<>(event.userId(), event.rowJson(), ts));
            }
        }
    }
}
