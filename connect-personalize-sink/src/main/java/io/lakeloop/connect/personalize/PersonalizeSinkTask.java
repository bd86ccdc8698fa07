package io.lakeloop.connect.personalize;

import io.lakeloop.connect.personalize.client.Batch;
import io.lakeloop.connect.personalize.client.BatchSender;
import io.lakeloop.connect.personalize.client.Batcher;
import io.lakeloop.connect.personalize.client.CallFactory;
import io.lakeloop.connect.personalize.client.Entry;
import io.lakeloop.connect.personalize.client.RateLimiter;
import io.lakeloop.connect.personalize.client.RetryPolicy;
import io.lakeloop.connect.personalize.config.CrossKeyRules;
import io.lakeloop.connect.personalize.config.PersonalizeSinkConfig;
import io.lakeloop.connect.personalize.mapping.Mapped;
import io.lakeloop.connect.personalize.mapping.RecordMapper;
import io.lakeloop.connect.personalize.metrics.SinkTaskMetrics;
import io.lakeloop.event.Rejection;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps each record (lakeloop-core validation; bad ones to the dead-letter queue), groups the results into calls of up
 * to ten ({@link Batcher}), sends them asynchronously within the rate limit and the in-flight bound
 * ({@link BatchSender}), and tells Connect to commit only offsets whose records Personalize (or the dead-letter
 * queue) accepted ({@link OffsetTracker}). Holds only unfinished records, at most {@code max.buffered.records} of
 * them and about {@code max.buffered.bytes}: beyond that {@code put} waits, and asks Connect to redeliver when the
 * wait grows long.
 */
public final class PersonalizeSinkTask extends SinkTask {

    private static final Logger LOG = LoggerFactory.getLogger(PersonalizeSinkTask.class);
    static final Duration MAX_PUT_WAIT = Duration.ofSeconds(30);
    /** Under Connect's default task.shutdown.graceful.timeout.ms (5 s), so a rebalance never waits on us. */
    private static final Duration STOP_DRAIN = Duration.ofSeconds(4);

    private final CallFactory callFactory;
    private final Duration maxPutWait;
    private PersonalizeSinkConfig config;
    private RecordMapper mapper;
    private OffsetTracker tracker;
    private Batcher batcher;
    private BatchSender sender;
    private SendOutcomes outcomes;
    private DeadLetters deadLetters;
    private SinkTaskMetrics metrics;
    private AutoCloseable clientResource;
    private RecordBudget budget;

    public PersonalizeSinkTask() {
        this(CallFactory.sdk());
    }

    /** With another way to reach Personalize (tests, benchmarks). */
    public PersonalizeSinkTask(CallFactory callFactory) {
        this(callFactory, MAX_PUT_WAIT);
    }

    PersonalizeSinkTask(CallFactory callFactory, Duration maxPutWait) {
        this.callFactory = callFactory;
        this.maxPutWait = maxPutWait;
    }

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new PersonalizeSinkConfig(props);
        CrossKeyRules.enforce(config);
        mapper = Mappers.forConfig(config);
        tracker = new OffsetTracker();
        batcher = new Batcher(config.batchMaxSize(), config.batchLinger(), System::nanoTime);
        outcomes = new SendOutcomes();
        String name = props.getOrDefault("name", "personalize-sink");
        metrics = SinkTaskMetrics.start(name, config.taskIndex(), config.metricsLogInterval(), context);
        budget = new RecordBudget(config.maxBufferedRecords(), config.maxBufferedBytes());
        metrics.bufferedGauge(budget::open);
        metrics.bufferedBytesGauge(budget::bytes);
        deadLetters = new DeadLetters(config.toleratesErrors(), errantReporter(), metrics,
                new RejectedEvents(config.fieldNames()), config.deadLetterMaxPayloadBytes());
        CallFactory.Opened opened = callFactory.open(config);
        clientResource = opened.resource();
        double rate = config.taskRateLimit();
        sender = new BatchSender(opened.call(), RateLimiter.perSecond(rate),
                new RetryPolicy(config.retryInitialBackoff(), config.retryMaxBackoff(), config.retryDeadline()),
                outcomes, metrics, config.maxInFlight(), "personalize-sink-" + name + "-" + config.taskIndex());
        LOG.info("Personalize sink task {} started: {} to {}, batch {}, {} in flight, {} requests/s, metrics on JMX{}{}",
                config.taskIndex(), config.dataType().operation(), config.target(), config.batchMaxSize(),
                config.maxInFlight(), rate <= 0 ? "unlimited" : rate, metrics.inPluginMetrics() ? " and Connect plugin metrics" : "",
                config.awsSettings().endpoint() == null ? "" : ", endpoint " + config.awsSettings().endpoint());
    }

    private ErrantRecordReporter errantReporter() {
        try {
            return context == null ? null : context.errantRecordReporter();
        } catch (NoSuchMethodError | NoClassDefFoundError e) {
            return null;
        }
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        checkHealth();
        awaitCapacity();
        for (SinkRecord record : records) {
            take(record, mapper.map(record));
        }
        metrics.recordsIn(records.size());
        batcher.drainExpired().forEach(sender::submit);
        askForPutWhenLingerEnds();
    }

    /**
     * Connect calls {@code put} after each poll of the consumer, and a poll that finds nothing waits until the next
     * offset commit (up to {@code offset.flush.interval.ms}). With a partial batch still open, ask Connect to poll no
     * longer than until its linger time ends, so the last events of a burst wait {@code batch.linger.ms}, not the
     * commit interval, when no record follows them.
     */
    private void askForPutWhenLingerEnds() {
        long nanos = batcher.nanosUntilNextExpiry();
        if (nanos >= 0 && context != null) {
            context.timeout(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos) + 1));
        }
    }

    /**
     * Tracks the record until every part is handed on: its events to the batcher, its rejected events (all in one
     * dead letter holding only them, when others of the record are sent) to the dead-letter queue.
     */
    private void take(SinkRecord record, Mapped mapped) {
        List<Rejection> rejections = mapped.rejections();
        boolean bad = !rejections.isEmpty();
        TreeSet<Integer> rejectedEvents = new TreeSet<>();
        boolean wholeRecord = false;
        for (Rejection r : rejections) {
            if (r.eventIndex() < 0) {
                wholeRecord = true;
            } else {
                rejectedEvents.add(r.eventIndex());
            }
        }
        int events = Math.max(1, mapped.parts().size() + rejectedEvents.size());
        PendingRecord pending = PendingRecord.of(record, mapped.parts().size() + (bad ? 1 : 0), events);
        budget.opened(pending);
        tracker.track(pending, budget::closed);
        if (bad) {
            // core's rejection messages name fields and limits, never values: safe for logs as they are
            String message = rejections.stream().map(Rejection::toString).collect(Collectors.joining("; "));
            deadLetters.report(pending, rejections.get(0).code().name(), message, message,
                    wholeRecord ? DeadLetters.Subset.whole() : new DeadLetters.Subset(rejectedEvents, events));
        }
        for (Mapped.Part part : mapped.parts()) {
            Batch full = batcher.add(new Entry(pending, part.key(), part.payload(), part.index()));
            if (full != null) {
                sender.submit(full);
            }
        }
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        if (tracker == null) {
            return Map.of();
        }
        batcher.drainAll().forEach(sender::submit);
        try {
            drainRejections();
            deadLetters.awaitReported();
        } catch (ConnectException e) {
            // Connect does not fail a task for an exception from preCommit: keep it for the next put
            outcomes.failed(e);
        }
        Map<TopicPartition, OffsetAndMetadata> safe = tracker.committable(currentOffsets.keySet());
        LOG.debug("Committable offsets: {}", safe);
        return safe;
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        if (tracker != null) {
            tracker.forget(partitions);
        }
    }

    @Override
    public void stop() {
        try {
            if (sender != null && outcomes.failure() == null) {
                batcher.drainAll().forEach(sender::submit);
                if (!sender.awaitIdle(STOP_DRAIN)) {
                    LOG.info("Stopping with {} call(s) unfinished; their records stay uncommitted", sender.outstanding());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(sender);
            closeQuietly(clientResource);
            if (metrics != null) {
                metrics.close(); // logs the final lakeloop-metrics line
            }
        }
    }

    /** Fails the task on a sender failure; routes queued service rejections to the dead-letter queue. */
    private void checkHealth() {
        RuntimeException failure = outcomes.failure();
        if (failure != null) {
            throw new ConnectException("Sending to " + config.dataType().operation() + " " + config.target()
                    + " failed: " + failure.getMessage(), failure.getCause() == null ? failure : failure.getCause());
        }
        drainRejections();
    }

    private void drainRejections() {
        SendOutcomes.Rejected r;
        while ((r = outcomes.pollRejected()) != null) {
            // the rejected part completes once the dead-letter queue has it
            PendingRecord origin = r.entry().origin();
            deadLetters.report(origin, DeadLetters.SERVICE_REJECTED, r.reason(), r.safeReason(),
                    DeadLetters.Subset.of(r.entry().index(), origin.events()));
        }
    }

    /**
     * Backpressure: once {@code max.buffered.records} records or {@code max.buffered.bytes} are unfinished, waits until
     * both are back to four fifths; past {@link #MAX_PUT_WAIT}, asks Connect to pause and deliver this batch again.
     * A bounded wait, not an unbounded block: a put blocked past the consumer's max.poll.interval.ms would make the
     * task leave its group. Not a pause of chosen partitions: the stuck records share partitions with flowing ones.
     */
    private void awaitCapacity() {
        if (!budget.full()) {
            return;
        }
        batcher.drainAll().forEach(sender::submit);
        long deadline = System.nanoTime() + maxPutWait.toNanos();
        while (!budget.resumable()) {
            if (System.nanoTime() - deadline > 0) {
                context.timeout(1000);
                throw new RetriableException(budget.open() + " records (about " + budget.bytes() / 1024
                        + " KiB) are still unsent after " + maxPutWait.toMillis() + " ms (max.buffered.records="
                        + budget.maxRecords() + ", max.buffered.bytes=" + budget.maxBytes()
                        + "); Connect delivers this batch again");
            }
            try {
                budget.awaitRoom(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectException("Interrupted while waiting for buffer space", e);
            }
            checkHealth();
            deadLetters.awaitReported();
        }
    }

    /** The task's metrics (tests and benchmarks read them directly). */
    public SinkTaskMetrics metrics() {
        return metrics;
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("Error while closing {}: {}", c.getClass().getSimpleName(), e.toString());
        }
    }
}
