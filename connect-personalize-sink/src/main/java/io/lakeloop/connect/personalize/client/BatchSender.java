package io.lakeloop.connect.personalize.client;

import io.lakeloop.connect.personalize.mapping.GroupKey;
import io.lakeloop.connect.personalize.metrics.SinkTaskMetrics;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends batches asynchronously on {@code maxInFlight} threads, each call through the rate limiter. Batches of one
 * group are sent one after the other, in the order submitted, so a session's events keep their order; different
 * groups go in parallel. Throttling, 5xx, I/O errors, clock skew and unavailable credentials are retried with
 * {@link RetryPolicy} until its deadline; only an InvalidInput answer splits the batch in halves until the bad entries
 * stand alone; anything else ({@link ErrorClass#REQUEST_REFUSED}, {@link ErrorClass#FATAL}), or an exhausted
 * deadline, is reported as {@link SendListener#failed} and stops further sending.
 */
public final class BatchSender implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BatchSender.class);

    private final BatchCall call;
    private final RateLimiter limiter;
    private final RetryPolicy retry;
    private final SendListener listener;
    private final SinkTaskMetrics metrics;
    private final ExecutorService executor;
    private final ConcurrentHashMap<GroupKey, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();
    private final AtomicInteger outstanding = new AtomicInteger();
    private volatile boolean stopped;

    public BatchSender(BatchCall call, RateLimiter limiter, RetryPolicy retry, SendListener listener,
                       SinkTaskMetrics metrics, int maxInFlight, String threadPrefix) {
        this.call = Objects.requireNonNull(call, "call");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(maxInFlight, maxInFlight, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, threadPrefix + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** Queues a batch; it is sent after every earlier batch of its group. Never blocks. */
    public void submit(Batch batch) {
        outstanding.incrementAndGet();
        CompletableFuture<Void> next = tails.compute(batch.key(), (key, previous) ->
                (previous == null ? CompletableFuture.<Void>completedFuture(null) : previous)
                        .handleAsync((ignored, error) -> {
                            try {
                                sendWithRetries(batch);
                            } finally {
                                outstanding.decrementAndGet();
                            }
                            return null;
                        }, executor));
        next.whenComplete((ignored, error) -> tails.remove(batch.key(), next));
    }

    /** Batches submitted and not yet finished. */
    public int outstanding() {
        return outstanding.get();
    }

    /** Waits until every submitted batch has finished (or {@code timeout} passed); true when idle. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (outstanding.get() > 0) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
        return true;
    }

    private void sendWithRetries(Batch batch) {
        long start = System.nanoTime();
        int attempt = 0;
        while (!stopped) {
            RuntimeException error;
            try {
                limiter.acquire();
                long t0 = System.nanoTime();
                metrics.callStarted();
                try {
                    call.send(batch);
                } finally {
                    metrics.callEnded(System.nanoTime() - t0);
                }
                metrics.sent(batch.size());
                listener.accepted(batch);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                error = e;
            }
            ErrorClass kind = ErrorClass.of(error);
            if (kind == ErrorClass.INVALID_INPUT) {
                isolate(batch, error);
                return;
            }
            if (!kind.retried()) {
                fail(new ConnectException(describeFailure(batch, error, kind) + "; not retried" + advice(kind), error));
                return;
            }
            if (kind == ErrorClass.THROTTLED) {
                metrics.throttled();
            }
            attempt++;
            long delay = retry.delayNanos(attempt, ThreadLocalRandom.current()::nextDouble);
            long elapsed = System.nanoTime() - start;
            if (!retry.allows(elapsed, delay)) {
                fail(new ConnectException(describeFailure(batch, error, kind) + "; gave up after " + attempt
                        + " attempts in " + Duration.ofNanos(elapsed).toMillis() + " ms (retry.deadline.ms="
                        + retry.deadline().toMillis() + "). The records stay uncommitted and are sent again when "
                        + "the task restarts.", error));
                return;
            }
            LOG.debug("Call failed ({}), retry {} in {} ms", ErrorClass.describe(error), attempt, delay / 1_000_000);
            try {
                TimeUnit.NANOSECONDS.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            metrics.retry();
        }
    }

    /** InvalidInput: a lone entry is the bad one; a larger batch is split and each half sent on its own. */
    private void isolate(Batch batch, RuntimeException error) {
        if (batch.size() == 1) {
            listener.rejected(batch.entries().get(0), reason(error), safeReason(error));
            return;
        }
        for (Batch half : batch.halves()) {
            if (stopped) {
                return;
            }
            sendWithRetries(half);
        }
    }

    private static String reason(RuntimeException error) {
        String message = error instanceof software.amazon.awssdk.awscore.exception.AwsServiceException ase
                && ase.awsErrorDetails() != null ? ase.awsErrorDetails().errorMessage() : error.getMessage();
        return safeReason(error) + (message == null ? "" : ": " + message);
    }

    private static String safeReason(RuntimeException error) {
        return "Personalize rejected the record (" + ErrorClass.describe(error) + ")";
    }

    private static String describeFailure(Batch batch, RuntimeException error, ErrorClass kind) {
        Entry first = batch.entries().get(0);
        return "A call of " + batch.size() + " record(s) starting at " + first + " failed: " + kind + " ("
                + ErrorClass.describe(error) + ")";
    }

    private static String advice(ErrorClass kind) {
        return kind == ErrorClass.REQUEST_REFUSED ? ". The service refused the request itself, not its records (no "
                + "record was dead-lettered): check the credentials, their permissions and the endpoint. The records "
                + "stay uncommitted and are sent again when the task restarts." : "";
    }

    private void fail(RuntimeException error) {
        stopped = true;
        listener.failed(error);
    }

    /** Stops sending: running calls finish, waiting retries and queued batches are abandoned (their offsets stay). */
    @Override
    public void close() {
        stopped = true;
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("Sender threads did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
