package io.lakeloop.streams.collator.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmHeapPressureMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The meters of one collator instance on a Micrometer {@link PrometheusMeterRegistry}, rendered on {@code /metrics}:
 * <ul>
 *   <li>the Kafka Streams client's metrics and those of its consumers, producers and admin client, through
 *       Micrometer's {@link KafkaStreamsMetrics} binder ({@code kafka_<group without -metrics>_<name>}, e.g.
 *       {@code kafka_stream_thread_process_total}, {@code kafka_consumer_fetch_manager_records_lag_max});</li>
 *   <li>the JVM and the process: memory and buffer pools, GC, heap pressure, threads, class loading, CPU, uptime,
 *       open files, JVM info ({@code jvm_*}, {@code process_*}, {@code system_*});</li>
 *   <li>the collator's own counters ({@code lakeloop_collator_*}, {@link io.lakeloop.streams.collator.CollatorMetrics})
 *       and {@code lakeloop_collator_state{state="…"}}: 1 for the Kafka Streams state the instance is in, 0 for the
 *       others.</li>
 * </ul>
 * One registry per instance: several collators in one JVM (the CLI's local stack) each have their own.
 */
public final class CollatorMeters implements AutoCloseable {

    /** Prometheus text exposition 0.0.4, the format {@link #scrape()} writes. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    public static final String STATE = "lakeloop.collator.state";
    public static final String STATE_TAG = "state";
    /**
     * How often the Kafka binder looks for new Kafka metrics (tasks and partitions assigned after a rebalance): the
     * binder's default is a minute; this keeps a new partition's lag within a scrape interval or two.
     */
    static final Duration KAFKA_REFRESH = Duration.ofSeconds(15);

    private static final Logger LOG = LoggerFactory.getLogger(CollatorMeters.class);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "collator-metrics-refresh");
        t.setDaemon(true);
        return t;
    });
    private final List<AutoCloseable> closeables = new ArrayList<>();

    private CollatorMeters() {
    }

    /**
     * Binds every meter of one instance.
     *
     * @param streams  the instance's Kafka Streams client (not yet started is fine: its threads and clients exist)
     * @param own      the collator's counters
     */
    public static CollatorMeters bind(KafkaStreams streams, MeterBinder own) {
        CollatorMeters meters = new CollatorMeters();
        try {
            meters.bindAll(streams, own);
        } catch (RuntimeException e) {
            meters.close();
            throw e;
        }
        return meters;
    }

    private void bindAll(KafkaStreams streams, MeterBinder own) {
        own.bindTo(registry);
        state(streams::state);
        KafkaStreamsMetrics kafka = new KafkaStreamsMetrics(streams, List.of(), refresher, KAFKA_REFRESH);
        closeables.add(kafka);
        kafka.bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        closeables.add(gc);
        gc.bindTo(registry);
        JvmHeapPressureMetrics heapPressure = new JvmHeapPressureMetrics();
        closeables.add(heapPressure);
        heapPressure.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmInfoMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    private void state(Supplier<KafkaStreams.State> state) {
        for (KafkaStreams.State s : KafkaStreams.State.values()) {
            // strongly: a gauge holds its object weakly, and nothing else holds this supplier (NaN after a GC)
            Gauge.builder(STATE, state, current -> current.get() == s ? 1 : 0).strongReference(true)
                    .description("1 for the Kafka Streams state this instance is in, 0 for the others.")
                    .tag(STATE_TAG, s.name()).register(registry);
        }
    }

    /** The registry, for tests and for binding more meters. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Every meter in the Prometheus text exposition format 0.0.4 ({@link #CONTENT_TYPE}). */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.debug("closing a meter binder failed", e);
            }
        }
        refresher.shutdownNow();
        registry.close();
    }
}
