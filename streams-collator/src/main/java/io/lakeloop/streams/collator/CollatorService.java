package io.lakeloop.streams.collator;

import io.lakeloop.streams.collator.health.CollatorMeters;
import io.lakeloop.streams.collator.health.HealthServer;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running collator instance: Kafka Streams on the collator topology and the HTTP endpoints. Started by
 * {@link #start(CollatorConfig)}, stopped by {@link #close()}; {@link #awaitTermination()} blocks until either a
 * close or a fatal error.
 *
 * <p>No single record can stop it: the collate step turns any failure on a record into a dead letter, unreadable
 * internal records become dead letters, dead letters too large to write are written without their payload, and a
 * record the producer or broker refuses anyway is registered with the {@link OutputGuard}: the stream thread that
 * failed on it is replaced ({@code REPLACE_THREAD}) and its replacement dead-letters the record. Any other uncaught
 * exception in a stream thread (lost authorisation, a deleted input topic, a full disk ...) shuts the whole client
 * down ({@code SHUTDOWN_CLIENT}) and makes {@link #awaitTermination()} return {@link #EXIT_FAILED}, so the process
 * ends non-zero and its supervisor restarts it, rather than hanging with dead threads.
 */
public final class CollatorService implements AutoCloseable {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;

    private static final Logger LOG = LoggerFactory.getLogger(CollatorService.class);

    private final CollatorConfig config;
    private final CollatorMetrics metrics = new CollatorMetrics();
    private final OutputGuard guard = new OutputGuard(metrics);
    private final KafkaStreams streams;
    private final CollatorMeters meters;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean failed = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<KafkaStreams.State> states = new CopyOnWriteArrayList<>();
    private HealthServer http;

    private CollatorService(CollatorConfig config, TopicProvisioner.Topics topics) {
        this.config = config;
        int deadLetterMax = topics.dlqMaxMessageBytes() > 0
                ? Math.min(config.producerMaxRequestSize(), topics.dlqMaxMessageBytes())
                : config.producerMaxRequestSize();
        Properties props = config.streamsProperties();
        props.put(OutputGuard.CONFIG_KEY, guard);
        this.streams = new KafkaStreams(CollatorTopology.build(config, metrics, guard, deadLetterMax,
                topics.inputPartitions()), props);
        this.meters = CollatorMeters.bind(streams, metrics);
        streams.setUncaughtExceptionHandler(e -> {
            if (guard.takeNewRefusal()) {
                LOG.warn("a stream thread stopped because an output record was refused ({}); replacing the thread, "
                        + "which dead-letters the record that produced it", e.getClass().getSimpleName());
                return StreamThreadExceptionResponse.REPLACE_THREAD;
            }
            LOG.error("stream thread failed; shutting the collator down", e);
            failed.set(true);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setStateListener((next, previous) -> {
            LOG.info("Kafka Streams state {} -> {}", previous, next);
            states.add(next);
            if (next == KafkaStreams.State.ERROR) {
                failed.set(true);
                stopped.countDown();
            } else if (next == KafkaStreams.State.NOT_RUNNING) {
                stopped.countDown();
            }
        });
    }

    /** Checks the topics, starts Kafka Streams and the HTTP endpoints; returns once started (not yet RUNNING). */
    public static CollatorService start(CollatorConfig config) {
        CollatorService service = new CollatorService(config, TopicProvisioner.provision(config));
        try {
            if (config.httpPort() >= 0) {
                service.http = HealthServer.start(config.httpHost(), config.httpPort(), service::state,
                        service.meters::scrape);
            }
            service.streams.start();
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
        LOG.info("collator {} started: {} -> {} (dead letters: {})", config.applicationId(), config.inputTopics(),
                config.outputTopic(), config.dlqTopic());
        return service;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Every state Kafka Streams has entered since start, in order (for tests and diagnostics). */
    public List<KafkaStreams.State> stateHistory() {
        return List.copyOf(states);
    }

    /** The state of each stream thread of this instance, e.g. {@code [RUNNING, RUNNING]}. */
    public List<String> streamThreadStates() {
        return streams.metadataForLocalThreads().stream().map(ThreadMetadata::threadState).toList();
    }

    /** The HTTP port actually bound, or -1 without a server. */
    public int httpPort() {
        return http == null ? -1 : http.port();
    }

    public CollatorMetrics metrics() {
        return metrics;
    }

    /** Every meter of this instance (Kafka Streams, JVM, the collator's own), as served on {@code /metrics}. */
    public CollatorMeters meters() {
        return meters;
    }

    public CollatorConfig config() {
        return config;
    }

    /** Blocks until the service stops; {@link #EXIT_OK} after {@link #close()}, {@link #EXIT_FAILED} after an error. */
    public int awaitTermination() throws InterruptedException {
        stopped.await();
        return failed.get() ? EXIT_FAILED : EXIT_OK;
    }

    /** As {@link #awaitTermination()} with a bound; -1 when still running at the end of it. */
    public int awaitTermination(Duration timeout) throws InterruptedException {
        if (!stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return -1;
        }
        return failed.get() ? EXIT_FAILED : EXIT_OK;
    }

    /** Graceful: Kafka Streams commits what it processed and closes, within {@code collator.shutdown.timeout.ms}. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.info("stopping the collator");
        boolean clean = streams.close(config.shutdownTimeout());
        if (!clean) {
            LOG.warn("Kafka Streams did not close within {}", config.shutdownTimeout());
        }
        // logged here, not only by the state listener: Kafka Streams calls the listener after close() has
        // returned, so on SIGTERM the JVM can halt before the listener's line is written
        LOG.info("collator closed: Kafka Streams state -> {}", streams.state());
        if (http != null) {
            http.close();
        }
        meters.close();
        stopped.countDown();
    }
}
