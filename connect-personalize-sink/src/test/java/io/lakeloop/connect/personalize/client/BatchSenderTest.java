package io.lakeloop.connect.personalize.client;

import static io.lakeloop.connect.personalize.TestRecords.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lakeloop.connect.personalize.mapping.GroupKey;
import io.lakeloop.connect.personalize.metrics.SinkTaskMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BatchSenderTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final RetryPolicy FAST = new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(5),
            Duration.ofSeconds(20));

    private final List<Object> accepted = new CopyOnWriteArrayList<>();
    private final List<String> rejected = new CopyOnWriteArrayList<>();
    private final List<RuntimeException> failures = new CopyOnWriteArrayList<>();
    private final SinkTaskMetrics metrics = SinkTaskMetrics.start("batch-sender-test", 0, Duration.ZERO, null);
    private BatchSender sender;

    private final SendListener listener = new SendListener() {
        @Override
        public void accepted(Batch batch) {
            batch.entries().forEach(e -> accepted.add(e.payload()));
        }

        @Override
        public void rejected(Entry entry, String reason, String safeReason) {
            assertThat(reason).startsWith(safeReason);
            assertThat(safeReason).doesNotContain("bad event");
            rejected.add(entry.payload() + ":" + reason);
        }

        @Override
        public void failed(RuntimeException error) {
            failures.add(error);
        }
    };

    private BatchSender sender(BatchCall call, RetryPolicy retry, int inFlight) {
        sender = new BatchSender(call, RateLimiter.perSecond(0), retry, listener, metrics, inFlight, "test");
        return sender;
    }

    @AfterEach
    void close() {
        if (sender != null) {
            sender.close();
        }
        metrics.close();
    }

    private static Batch batch(String user, Object... payloads) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < payloads.length; i++) {
            entries.add(entry(user, "s", i, payloads[i]));
        }
        return new Batch(new GroupKey(user, "s"), entries);
    }

    @Test
    void bisectsARejectedBatchUntilOnlyTheBadRecordsAreLeftOut() throws InterruptedException {
        List<Integer> callSizes = new CopyOnWriteArrayList<>();
        BatchSender s = sender(b -> {
            callSizes.add(b.size());
            if (b.entries().stream().anyMatch(e -> e.payload().toString().startsWith("bad"))) {
                throw Errors.invalid("bad event");
            }
        }, FAST, 4);

        s.submit(batch("u", "e0", "bad1", "e2", "e3", "e4", "e5", "e6", "bad7", "e8", "e9"));

        assertThat(s.awaitIdle(WAIT)).isTrue();
        assertThat(accepted).containsExactlyInAnyOrder("e0", "e2", "e3", "e4", "e5", "e6", "e8", "e9");
        assertThat(rejected).hasSize(2).anySatisfy(r -> assertThat(r).startsWith("bad1:").contains("InvalidInput"))
                .anySatisfy(r -> assertThat(r).startsWith("bad7:"));
        assertThat(failures).isEmpty();
        assertThat(callSizes.get(0)).isEqualTo(10);
    }

    @Test
    void retriesThrottlingServerAndIoErrorsUntilAccepted() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        BatchSender s = sender(b -> {
            switch (calls.incrementAndGet()) {
                case 1 -> throw Errors.status(429, "ThrottlingException");
                case 2 -> throw Errors.status(503, "ServiceUnavailableException");
                case 3 -> throw Errors.refused();
                default -> { }
            }
        }, FAST, 1);

        s.submit(batch("u", "a", "b"));

        assertThat(s.awaitIdle(WAIT)).isTrue();
        assertThat(accepted).containsExactly("a", "b");
        assertThat(calls).hasValue(4);
        assertThat(metrics.total("retries")).isEqualTo(3);
        assertThat(metrics.total("throttled-calls")).isEqualTo(1);
        assertThat(failures).isEmpty();
    }

    @Test
    void failsWithoutSkippingWhenTheDeadlinePasses() throws InterruptedException {
        BatchSender s = sender(b -> {
            throw Errors.status(500, "InternalFailure");
        }, new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(50)), 1);

        s.submit(batch("u", "a"));

        assertThat(s.awaitIdle(WAIT)).isTrue();
        assertThat(accepted).isEmpty();
        assertThat(failures).singleElement().satisfies(e ->
                assertThat(e.getMessage()).contains("SERVER_ERROR").contains("gave up").contains("retry.deadline.ms")
                        .contains("t/0/0"));
    }

    @Test
    void fatalErrorsAreNotRetriedAndStopTheSender() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        BatchSender s = sender(b -> {
            calls.incrementAndGet();
            throw Errors.notFound();
        }, FAST, 1);

        s.submit(batch("u", "a"));
        assertThat(s.awaitIdle(WAIT)).isTrue();
        s.submit(batch("v", "b"));
        assertThat(s.awaitIdle(WAIT)).isTrue();

        assertThat(calls).hasValue(1);
        assertThat(failures).singleElement().satisfies(e -> assertThat(e.getMessage()).contains("FATAL"));
    }

    /** Issue 11 item 7: a 400 that is not InvalidInput is about the request; its records are good. */
    @Test
    void aRequestRefusedWithA400IsNeitherBisectedNorDeadLetteredButFailsTheSender() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        BatchSender s = sender(b -> {
            calls.incrementAndGet();
            throw Errors.status(400, "ValidationError");
        }, FAST, 1);

        s.submit(batch("u", "a", "b", "c", "d"));

        assertThat(s.awaitIdle(WAIT)).isTrue();
        assertThat(calls).hasValue(1);
        assertThat(rejected).isEmpty();
        assertThat(accepted).isEmpty();
        assertThat(failures).singleElement().satisfies(e -> assertThat(e.getMessage()).contains("REQUEST_REFUSED")
                .contains("HTTP 400 ValidationError").contains("no record was dead-lettered"));
    }

    @Test
    void retriesClockSkewAndUnavailableCredentialsUntilAccepted() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        BatchSender s = sender(b -> {
            switch (calls.incrementAndGet()) {
                case 1 -> throw Errors.status(400, "InvalidSignatureException", "Signature expired: 20261203T081500Z");
                case 2 -> throw new CredentialsUnavailableException(Errors.status(400, "Throttling"));
                case 3 -> throw Errors.status(400, "RequestExpired");
                default -> { }
            }
        }, FAST, 1);

        s.submit(batch("u", "a", "b"));

        assertThat(s.awaitIdle(WAIT)).isTrue();
        assertThat(accepted).containsExactly("a", "b");
        assertThat(rejected).isEmpty();
        assertThat(failures).isEmpty();
        assertThat(metrics.total("retries")).isEqualTo(3);
    }

    @Test
    void batchesOfOneSessionGoOneAfterTheOtherWhileSessionsRunInParallel() throws InterruptedException {
        ConcurrentHashMap<String, AtomicInteger> running = new ConcurrentHashMap<>();
        AtomicInteger overlapWithinSession = new AtomicInteger();
        AtomicInteger maxParallel = new AtomicInteger();
        AtomicInteger parallel = new AtomicInteger();
        List<Object> order = Collections.synchronizedList(new ArrayList<>());
        BatchSender s = sender(b -> {
            String user = b.key().userId();
            if (running.computeIfAbsent(user, u -> new AtomicInteger()).incrementAndGet() > 1) {
                overlapWithinSession.incrementAndGet();
            }
            maxParallel.accumulateAndGet(parallel.incrementAndGet(), Math::max);
            LockSupport.parkNanos(20_000_000); // a slow call, so that batches would overlap if allowed
            if ("u0".equals(user)) {
                order.add(b.entries().get(0).payload());
            }
            parallel.decrementAndGet();
            running.get(user).decrementAndGet();
        }, FAST, 8);

        for (int round = 0; round < 5; round++) {
            for (int u = 0; u < 4; u++) {
                s.submit(batch("u" + u, "u" + u + "-" + round));
            }
        }

        assertThat(s.awaitIdle(WAIT)).isTrue();
        assertThat(overlapWithinSession).hasValue(0);
        assertThat(maxParallel.get()).isGreaterThan(1);
        assertThat(order).containsExactly("u0-0", "u0-1", "u0-2", "u0-3", "u0-4");
        assertThat(accepted).hasSize(20);
    }

    @Test
    void keepsAtMostMaxInFlightCallsOpen() throws InterruptedException {
        AtomicInteger parallel = new AtomicInteger();
        AtomicInteger maxParallel = new AtomicInteger();
        BatchSender s = sender(b -> {
            maxParallel.accumulateAndGet(parallel.incrementAndGet(), Math::max);
            LockSupport.parkNanos(5_000_000);
            parallel.decrementAndGet();
        }, FAST, 3);

        for (int i = 0; i < 30; i++) {
            s.submit(batch("u" + i, i));
        }

        await().atMost(WAIT).until(() -> s.outstanding() == 0);
        assertThat(maxParallel.get()).isLessThanOrEqualTo(3);
        assertThat(accepted).hasSize(30);
    }
}
