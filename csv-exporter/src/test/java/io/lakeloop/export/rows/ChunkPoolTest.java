package io.lakeloop.export.rows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ChunkPoolTest {

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    private Future<Chunk> takeAsync(ChunkPool pool, int part) {
        return threads.submit(() -> pool.take(part));
    }

    private static void awaitWaiting(Future<?> f) {
        // the taker is parked inside take(): not done after its thread had every chance to run
        await().pollDelay(Duration.ofMillis(50)).atMost(Duration.ofSeconds(5)).until(() -> !f.isDone());
    }

    @Test
    void partsBehindTheHeadWaitOnceTheBudgetIsSpentAndResumeWhenTheWriterGivesBack() throws Exception {
        ChunkPool pool = new ChunkPool(16, 4, 2);
        Chunk a = pool.take(1);
        Chunk b = pool.take(2);
        Future<Chunk> third = takeAsync(pool, 3);
        awaitWaiting(third);
        assertThat(third.isDone()).isFalse();

        pool.give(a);
        assertThat(third.get()).isSameAs(a); // recycled, not a new allocation
        assertThat(pool.allocated()).isEqualTo(2);
        pool.give(b);
    }

    @Test
    void theHeadMayGoBeyondTheBudgetByAFewChunksSoTheWriterNeverWaitsOnPartsBehindIt() throws Exception {
        ChunkPool pool = new ChunkPool(16, 4, 2);
        pool.head(0);
        pool.take(5);
        pool.take(6); // the budget is spent by parts behind the head
        for (int i = 0; i < ChunkPool.HEAD_EXTRA; i++) {
            assertThat(pool.take(0)).isNotNull();
        }
        Future<Chunk> beyond = takeAsync(pool, 0);
        awaitWaiting(beyond);
        assertThat(beyond.isDone()).isFalse();
        assertThat(pool.allocated()).isEqualTo(2 + ChunkPool.HEAD_EXTRA);
    }

    @Test
    void freedChunksGoToTheLowestWaitingPartFirst() throws Exception {
        ChunkPool pool = new ChunkPool(16, 4, 1);
        pool.head(0);
        Chunk only = pool.take(9);
        Future<Chunk> later = takeAsync(pool, 8);
        awaitWaiting(later);
        Future<Chunk> sooner = takeAsync(pool, 3);
        awaitWaiting(sooner);

        pool.give(only);
        assertThat(sooner.get()).isSameAs(only);
        assertThat(later.isDone()).isFalse();
        pool.give(only);
        assertThat(later.get()).isSameAs(only);
    }

    @Test
    void movingTheHeadReleasesAPartThatWasWaitingBehindIt() throws Exception {
        ChunkPool pool = new ChunkPool(16, 4, 1);
        pool.head(0);
        pool.take(1);
        Future<Chunk> second = takeAsync(pool, 1);
        awaitWaiting(second);
        pool.head(1);
        assertThat(second.get()).isNotNull();
    }

    @Test
    void theDefaultBudgetFollowsTheHeapWithinBounds() {
        assertThat(ChunkPool.forHeap(4L << 20).budget()).isEqualTo(ChunkPool.MIN_BUDGET);
        assertThat(ChunkPool.forHeap(128L << 20).budget()).isBetween(40, 60);
        assertThat(ChunkPool.forHeap(64L << 30).budget()).isEqualTo(ChunkPool.MAX_BUDGET);
    }

    @Test
    @Timeout(60) // a deadlock fails here instead of hanging the build
    void everyTakerFinishesWhenTheWriterKeepsGivingBack() {
        ChunkPool pool = new ChunkPool(16, 4, 3);
        pool.head(0);
        CompletableFuture<?>[] takers = new CompletableFuture<?>[6];
        for (int p = 0; p < takers.length; p++) {
            int part = p;
            takers[p] = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < 50; i++) {
                        pool.give(pool.take(part));
                    }
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }, threads);
        }
        CompletableFuture.allOf(takers).orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
        assertThat(pool.allocated()).isLessThanOrEqualTo(3 + ChunkPool.HEAD_EXTRA);
    }
}
