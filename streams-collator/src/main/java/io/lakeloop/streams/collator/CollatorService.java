package io.lakeloop.streams.collator;

import io.lakeloop.streams.collator.health.HealthServer;
import io.lakeloop.streams.collator.health.PrometheusText;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running collator instance: Kafka Streams on the collator topology and the HTTP endpoints. Started by
 * {@link #start(CollatorConfig)}, stopped by {@link #close()}; {@link #awaitTermination()} blocks until either a
 * close or a fatal error. An uncaught exception in a stream thread shuts the whole client down
 * ({@code SHUTDOWN_CLIENT}) and makes {@link #awaitTermination()} return {@link #EXIT_FAILED}, so the process ends
 * non-zero and its supervisor restarts it, rather than hanging with dead threads.
 */
public final class CollatorService implements AutoCloseable {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;

    private static final Logger LOG = LoggerFactory.getLogger(CollatorService.class);

    private final CollatorConfig config;
    private final CollatorMetrics metrics = new CollatorMetrics();
    private final KafkaStreams streams;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean failed = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private HealthServer http;

    private CollatorService(CollatorConfig config) {
        this.config = config;
        this.streams = new KafkaStreams(CollatorTopology.build(config, metrics), config.streamsProperties());
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("stream thread failed; shutting the collator down", e);
            failed.set(true);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setStateListener((next, previous) -> {
            LOG.info("Kafka Streams state {} -> {}", previous, next);
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
        TopicProvisioner.provision(config);
        CollatorService service = new CollatorService(config);
        try {
            if (config.httpPort() >= 0) {
                service.http = HealthServer.start(config.httpHost(), config.httpPort(), service::state,
                        () -> PrometheusText.render(service.streams.metrics(), service.metrics));
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

    /** The HTTP port actually bound, or -1 without a server. */
    public int httpPort() {
        return http == null ? -1 : http.port();
    }

    public CollatorMetrics metrics() {
        return metrics;
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
        stopped.countDown();
    }
}
