package io.lakeloop.connect.personalize.client;

import static io.lakeloop.connect.personalize.TestRecords.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BatcherTest {

    private final AtomicLong clock = new AtomicLong();
    private final Batcher batcher = new Batcher(10, Duration.ofMillis(50), clock::get);

    @Test
    void sendsTenEventsPerCallWhenSessionHasMore() {
        List<Batch> full = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            Batch b = batcher.add(entry("u1", "s1", i, "e" + i));
            if (b != null) {
                full.add(b);
            }
        }
        List<Batch> rest = batcher.drainAll();

        assertThat(full).hasSize(2).allSatisfy(b -> assertThat(b.size()).isEqualTo(10));
        assertThat(rest).singleElement().satisfies(b -> assertThat(b.size()).isEqualTo(5));
        List<Object> order = new ArrayList<>();
        full.forEach(b -> b.entries().forEach(e -> order.add(e.payload())));
        rest.forEach(b -> b.entries().forEach(e -> order.add(e.payload())));
        assertThat(order).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, 25).mapToObj(i -> "e" + i).toList());
    }

    @Test
    void groupsByUserAndSessionKeepingOrderWithinEach() {
        batcher.add(entry("u1", "s1", 0, "a0"));
        batcher.add(entry("u2", "s1", 1, "b0"));
        batcher.add(entry("u1", "s2", 2, "c0"));
        batcher.add(entry("u1", "s1", 3, "a1"));
        batcher.add(entry(null, "s1", 4, "anon"));

        List<Batch> batches = batcher.drainAll();

        assertThat(batches).hasSize(4);
        assertThat(batches.get(0).entries()).extracting(Entry::payload).containsExactly("a0", "a1");
        assertThat(batches.get(0).key().userId()).isEqualTo("u1");
        assertThat(batches.get(1).entries()).extracting(Entry::payload).containsExactly("b0");
        assertThat(batches.get(2).entries()).extracting(Entry::payload).containsExactly("c0");
        assertThat(batches.get(3).key().userId()).isNull();
        assertThat(batcher.buffered()).isZero();
    }

    @Test
    void partialBatchesWaitForTheLingerTime() {
        batcher.add(entry("u1", "s1", 0, "a"));
        clock.addAndGet(Duration.ofMillis(30).toNanos());
        batcher.add(entry("u2", "s2", 1, "b"));

        assertThat(batcher.drainExpired()).isEmpty();
        clock.addAndGet(Duration.ofMillis(20).toNanos());
        assertThat(batcher.drainExpired()).singleElement()
                .satisfies(b -> assertThat(b.entries()).extracting(Entry::payload).containsExactly("a"));
        assertThat(batcher.buffered()).isEqualTo(1);
        clock.addAndGet(Duration.ofMillis(30).toNanos());
        assertThat(batcher.drainExpired()).hasSize(1);
        assertThat(batcher.buffered()).isZero();
    }

    @Test
    void tellsHowLongUntilTheOldestPartialBatchIsDue() {
        assertThat(batcher.nanosUntilNextExpiry()).isEqualTo(-1);
        batcher.add(entry("u1", "s1", 0, "a"));
        clock.addAndGet(Duration.ofMillis(30).toNanos());
        batcher.add(entry("u2", "s2", 1, "b"));

        assertThat(batcher.nanosUntilNextExpiry()).isEqualTo(Duration.ofMillis(20).toNanos());
        clock.addAndGet(Duration.ofMillis(25).toNanos());
        assertThat(batcher.nanosUntilNextExpiry()).isZero();
        assertThat(batcher.drainExpired()).hasSize(1);
        // the younger batch is next: created at 30 ms, due at 80 ms, now 55 ms
        assertThat(batcher.nanosUntilNextExpiry()).isEqualTo(Duration.ofMillis(25).toNanos());
        batcher.drainAll();
        assertThat(batcher.nanosUntilNextExpiry()).isEqualTo(-1);
    }

    @Test
    void aFullBatchLeavesNothingToWaitFor() {
        for (int i = 0; i < 10; i++) {
            batcher.add(entry("u1", "s1", i, "e" + i));
        }
        assertThat(batcher.nanosUntilNextExpiry()).isEqualTo(-1);
    }

    @Test
    void batchSizeOneSendsEveryEntryAlone() {
        Batcher single = new Batcher(1, Duration.ZERO, clock::get);
        assertThat(single.add(entry("u", "s", 0, "x"))).isNotNull();
        assertThat(single.buffered()).isZero();
    }

    @Test
    void halvesSplitInOrder() {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            entries.add(entry("u", "s", i, i));
        }
        List<Batch> halves = new Batch(entries.get(0).key(), entries).halves();
        assertThat(halves.get(0).entries()).extracting(Entry::payload).containsExactly(0, 1);
        assertThat(halves.get(1).entries()).extracting(Entry::payload).containsExactly(2, 3, 4);
    }
}
