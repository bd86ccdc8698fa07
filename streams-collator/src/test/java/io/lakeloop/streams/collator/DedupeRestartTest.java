package io.lakeloop.streams.collator;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.kstream.internals.TimeWindow;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link DedupeProcessor}'s filters when a task (re)starts: Kafka Streams calls {@code init} again on the same
 * processor after a task is revived (its store wiped and restored to the committed state under exactly-once), and on
 * a new processor after a crash or a rebalance. Kafka Streams' window stores refuse a {@link MockProcessorContext}
 * (they need its internal context) and {@code TopologyTestDriver} wipes its state when closed, so the store here is a
 * map with the window store's semantics for the three calls the processor makes ({@code fetch(key, time)},
 * {@code put}, {@code all}); the real store across a real crash is {@code it.DedupeRestartIT}'s subject.
 */
class DedupeRestartTest {

    static final long R = Duration.ofHours(24).toMillis();
    static final long B = 20_000 * R;

    final CollatorMetrics metrics = new CollatorMetrics();
    final OutputGuard guard = new OutputGuard(metrics);
    final MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    final MapWindowStore store = new MapWindowStore(2 * R);

    @BeforeEach
    void addStore() {
        context.addStateStore(store.proxy());
    }

    DedupeProcessor processor(long filterBytes) {
        DedupeProcessor p = new DedupeProcessor(Duration.ofMillis(R), filterBytes, metrics,
                new DeadLetterRecords("dlq", 1 << 20, guard, metrics), guard, "lake");
        p.init(context);
        return p;
    }

    /** Sends event {@code id} of user {@code u-<id % 7>} at {@code ts}; returns the ids forwarded to the lake since. */
    List<String> send(DedupeProcessor p, int from, int to, long ts) {
        context.resetForwards();
        for (int id = from; id < to; id++) {
            String user = "u-" + (id % 7);
            p.process(new Record<>(user, new CollatedEvent(user, "e-" + id, "{}"), ts + id));
        }
        List<String> out = new ArrayList<>();
        context.forwarded().forEach(f -> out.add(((Record<?, ?>) f.record()).key() + "/" + f.childName().orElse("")));
        return out;
    }

    @Test
    void aNewProcessorOnAStoreThatHoldsIdsDropsTheirCopiesInBothLiveBuckets() {
        DedupeProcessor before = processor(4096);
        assertThat(send(before, 0, 300, B - 1_000)).hasSize(300); // ids 0..299 straddle the bucket edge at B
        before.close();

        DedupeProcessor after = processor(4096);

        assertThat(send(after, 0, 300, B - 1_000)).isEmpty();
        assertThat(send(after, 300, 310, B)).hasSize(10);
        assertThat(metrics.duplicatesDropped()).isEqualTo(300);
    }

    @Test
    void aRevivedProcessorForgetsWhatTheRestoredStoreLostAndKeepsWhatItHolds() {
        DedupeProcessor p = processor(4096);
        assertThat(send(p, 0, 100, B)).hasSize(100);
        // the task is revived: its store wiped and restored from the changelog, which committed ids 0..49 only
        p.close();
        store.retainOnly(k -> Integer.parseInt(k.substring(k.indexOf("e-") + 2)) < 50);
        p.init(context);

        assertThat(send(p, 0, 100, B)).as("ids 50..99 were never committed: collated again").hasSize(50);
        assertThat(send(p, 0, 100, B)).isEmpty();
    }

    @Test
    void aFullFilterOnlySendsMoreLookupsToTheStoreWhichStillDecidesExactly() {
        DedupeProcessor p = processor(1); // one 64-byte block: saturated after a few hundred ids

        assertThat(send(p, 0, 3_000, B)).hasSize(3_000);
        assertThat(send(p, 0, 3_000, B)).isEmpty();
        p.close();
        p.init(context);
        assertThat(send(p, 0, 3_000, B)).isEmpty();
        assertThat(send(p, 3_000, 3_100, B)).hasSize(100);
    }

    /** A window store of byte keys and long values as a map, with the retention rules of Kafka Streams' stores. */
    static final class MapWindowStore {

        private final long retentionMs;
        private final TreeMap<String, Long> byWindowAndKey = new TreeMap<>();
        private long observedStreamTime = Long.MIN_VALUE;

        MapWindowStore(long retentionMs) {
            this.retentionMs = retentionMs;
        }

        private static String id(long windowStart, Bytes key) {
            return String.format("%020d|%s", windowStart, new String(key.get(), StandardCharsets.UTF_8));
        }

        private boolean expired(long windowStart) {
            return observedStreamTime != Long.MIN_VALUE && windowStart < observedStreamTime - retentionMs + 1;
        }

        void retainOnly(java.util.function.Predicate<String> keep) {
            byWindowAndKey.keySet().removeIf(k -> !keep.test(k));
        }

        @SuppressWarnings("unchecked")
        WindowStore<Bytes, Long> proxy() {
            return (WindowStore<Bytes, Long>) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {WindowStore.class}, (self, method, args) -> switch (method.getName()) {
                        case "name" -> CollatorTopology.DEDUPE_STORE;
                        case "persistent", "isOpen" -> true;
                        case "fetch" -> args.length == 2 && args[1] instanceof Long t
                                ? (expired(t) ? null : byWindowAndKey.get(id(t, (Bytes) args[0])))
                                : unsupported(method.getName());
                        case "put" -> {
                            long start = (Long) args[2];
                            observedStreamTime = Math.max(observedStreamTime, start);
                            if (!expired(start)) {
                                byWindowAndKey.put(id(start, (Bytes) args[0]), (Long) args[1]);
                            }
                            yield null;
                        }
                        case "all" -> iterator();
                        case "close", "flush" -> null;
                        default -> unsupported(method.getName());
                    });
        }

        private static Object unsupported(String method) {
            throw new UnsupportedOperationException(method);
        }

        private KeyValueIterator<Windowed<Bytes>, Long> iterator() {
            Iterator<Map.Entry<String, Long>> it = byWindowAndKey.entrySet().stream()
                    .filter(e -> !expired(Long.parseLong(e.getKey().substring(0, 20)))).toList().iterator();
            return new KeyValueIterator<>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public KeyValue<Windowed<Bytes>, Long> next() {
                    Map.Entry<String, Long> e = it.next();
                    long start = Long.parseLong(e.getKey().substring(0, 20));
                    Bytes key = Bytes.wrap(e.getKey().substring(21).getBytes(StandardCharsets.UTF_8));
                    return KeyValue.pair(new Windowed<>(key, new TimeWindow(start, start + R)), e.getValue());
                }

                @Override
                public void close() {
                }

                @Override
                public Windowed<Bytes> peekNextKey() {
                    throw new UnsupportedOperationException();
                }
            };
        }
    }
}
