package io.lakeloop.streams.collator;

import io.lakeloop.event.EventField;
import io.lakeloop.event.FieldNames;
import io.lakeloop.event.TimestampNormalizer;
import io.lakeloop.event.TimestampUnit;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The collator's configuration: its own keys ({@code collator.*}, defined in {@link #CONFIG_DEF}) and every other
 * key passed to Kafka Streams unchanged ({@code bootstrap.servers}, {@code num.standby.replicas}, security ...),
 * over the collator's Streams defaults ({@link #streamsProperties()}). Bad values fail here, before anything starts,
 * with a {@link ConfigException} naming the key.
 */
public final class CollatorConfig extends AbstractConfig {

    public static final String PREFIX = "collator.";

    public static final String INPUT_TOPICS_CONFIG = "collator.input.topics";
    public static final String OUTPUT_TOPIC_CONFIG = "collator.output.topic";
    public static final String DLQ_TOPIC_CONFIG = "collator.dlq.topic";
    public static final String TOPICS_CREATE_CONFIG = "collator.topics.create";
    public static final String TOPICS_PARTITIONS_CONFIG = "collator.topics.partitions";
    public static final String TOPICS_REPLICATION_CONFIG = "collator.topics.replication.factor";
    public static final String DEDUPE_RETENTION_CONFIG = "collator.dedupe.retention.ms";
    public static final String DEDUPE_REPARTITION_CONFIG = "collator.dedupe.repartition";
    public static final String DEDUPE_ROCKSDB_MEMORY_CONFIG = "collator.dedupe.rocksdb.memory.bytes";
    public static final String DEDUPE_FILTER_MEMORY_CONFIG = "collator.dedupe.filter.memory.bytes";
    public static final String TIMESTAMP_UNIT_CONFIG = "collator.timestamp.unit";
    public static final String TIMESTAMP_MAX_AGE_CONFIG = "collator.timestamp.max.age.ms";
    public static final String TIMESTAMP_MAX_FUTURE_SKEW_CONFIG = "collator.timestamp.max.future.skew.ms";
    public static final String TIMESTAMP_REFERENCE_CONFIG = "collator.timestamp.reference";
    public static final String FIELD_PREFIX = "collator.field.";
    public static final String HTTP_HOST_CONFIG = "collator.http.host";
    public static final String HTTP_PORT_CONFIG = "collator.http.port";
    public static final String SHUTDOWN_TIMEOUT_CONFIG = "collator.shutdown.timeout.ms";

    public static final String DEFAULT_APPLICATION_ID = "lakeloop-collator";
    /**
     * The one HTTP port of the collator everywhere: the local stack, docker-compose.yml, the image, the Kubernetes
     * probes and the ECS example use it too (a test in deploy/ cross-checks them).
     */
    public static final int DEFAULT_HTTP_PORT = 8090;
    public static final long DEFAULT_DEDUPE_RETENTION_MS = Duration.ofHours(24).toMillis();
    /** No age limit: the lake exists for history, and a backfill of last year's events must not go to the DLQ. */
    public static final long DEFAULT_MAX_AGE_MS = -1;
    /**
     * Kafka Streams' exactly-once default is 100 ms; each commit is a transaction commit plus a RocksDB flush of the
     * dedupe store, and at 100 ms they cost half the throughput (BENCHMARKS.md). A lake does not need rows within
     * 100 ms: one second of latency buys twice the events per core.
     */
    public static final int DEFAULT_COMMIT_INTERVAL_MS = 1000;
    /**
     * Every event is written twice (repartition topic, lake topic) plus a changelog entry: 256 KiB producer batches
     * instead of 16 KiB cut the per-record cost of those writes (BENCHMARKS.md). Applied unless {@code batch.size}
     * or {@code producer.batch.size} is set.
     */
    public static final int DEFAULT_PRODUCER_BATCH_SIZE = 256 * 1024;

    /**
     * Heap of the dedupe filters of the whole process: 32 MiB, so with 4 input partitions each task's filter of the
     * current bucket has 4 MiB (≈ 13 bits per id for 2.5 M ids per task and day: 0.3 % of new ids still looked up in
     * the store).
     */
    public static final long DEFAULT_DEDUPE_FILTER_MEMORY_BYTES = 32L * 1024 * 1024;

    /** The producer's own default {@code max.request.size}. */
    static final int DEFAULT_MAX_REQUEST_SIZE = 1024 * 1024;

    /** Where "now" comes from when timestamps are checked for age and future skew. */
    public enum TimestampReference { RECORD, WALLCLOCK }

    public static final ConfigDef CONFIG_DEF = CollatorConfigDef.build();

    public CollatorConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals, false);
        for (Object key : originals.keySet()) {
            if (key instanceof String k && k.startsWith(PREFIX) && !CONFIG_DEF.names().contains(k)) {
                throw new ConfigException(k, originals.get(k), "unknown collator key (see docs/streams-collator.md)");
            }
        }
        checkTopics();
        fieldNames();
        new StreamsConfig(streamsProperties());
    }

    /** The config factory used by the app and the tests alike. */
    public static CollatorConfig of(Map<?, ?> originals) {
        return new CollatorConfig(originals);
    }

    /** {@code collator.field.user.id} for {@link EventField#USER_ID}. */
    public static String fieldKey(EventField field) {
        return FIELD_PREFIX + field.name().toLowerCase(Locale.ROOT).replace('_', '.');
    }

    private void checkTopics() {
        List<String> inputs = inputTopics();
        for (String key : List.of(OUTPUT_TOPIC_CONFIG, DLQ_TOPIC_CONFIG)) {
            if (inputs.contains(getString(key))) {
                throw new ConfigException(key, getString(key), "must differ from every input topic " + inputs);
            }
        }
        if (outputTopic().equals(dlqTopic())) {
            throw new ConfigException(DLQ_TOPIC_CONFIG, dlqTopic(), "must differ from " + OUTPUT_TOPIC_CONFIG);
        }
    }

    public List<String> inputTopics() {
        return getList(INPUT_TOPICS_CONFIG);
    }

    public String outputTopic() {
        return getString(OUTPUT_TOPIC_CONFIG);
    }

    public String dlqTopic() {
        return getString(DLQ_TOPIC_CONFIG);
    }

    public boolean createTopics() {
        return getBoolean(TOPICS_CREATE_CONFIG);
    }

    public int topicPartitions() {
        return getInt(TOPICS_PARTITIONS_CONFIG);
    }

    public short topicReplicationFactor() {
        return getShort(TOPICS_REPLICATION_CONFIG);
    }

    public Duration dedupeRetention() {
        return Duration.ofMillis(getLong(DEDUPE_RETENTION_CONFIG));
    }

    /**
     * The size of each dedupe filter ({@link SeenFilters}) when the process may run {@code tasks} tasks (one per
     * input partition): {@code collator.dedupe.filter.memory.bytes} shared by two filters per task, at least one
     * 64-byte block each; 0 = no filters.
     */
    public long dedupeFilterBytes(int tasks) {
        long memory = getLong(DEDUPE_FILTER_MEMORY_CONFIG);
        return memory == 0 ? 0 : Math.max(IdBloomFilter.BLOCK_BYTES, memory / (2L * Math.max(1, tasks)));
    }

    public boolean repartitionByUser() {
        return getBoolean(DEDUPE_REPARTITION_CONFIG);
    }

    public Duration maxFutureSkew() {
        return Duration.ofMillis(getLong(TIMESTAMP_MAX_FUTURE_SKEW_CONFIG));
    }

    /**
     * The largest record the collator's producer accepts ({@code producer.max.request.size}, else
     * {@code max.request.size}, else the producer's default): a dead letter that would not fit is written without
     * its payload.
     */
    public int producerMaxRequestSize() {
        Properties props = streamsProperties();
        Object v = props.get(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG));
        if (v == null) {
            v = props.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        }
        if (v == null) {
            return DEFAULT_MAX_REQUEST_SIZE;
        }
        try {
            return Integer.parseInt(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, v, "not an integer");
        }
    }

    public TimestampReference timestampReference() {
        return TimestampReference.valueOf(getString(TIMESTAMP_REFERENCE_CONFIG));
    }

    /** A normaliser reading "now" from {@code clock}, with the configured unit, max age and future skew. */
    public TimestampNormalizer timestampNormalizer(Clock clock) {
        long maxAge = getLong(TIMESTAMP_MAX_AGE_CONFIG);
        return new TimestampNormalizer(TimestampUnit.valueOf(getString(TIMESTAMP_UNIT_CONFIG)),
                Duration.ofMillis(getLong(TIMESTAMP_MAX_FUTURE_SKEW_CONFIG)),
                maxAge < 0 ? null : Duration.ofMillis(maxAge), clock);
    }

    public FieldNames fieldNames() {
        Map<String, String> overrides = new HashMap<>();
        for (EventField field : EventField.values()) {
            List<String> names = getList(fieldKey(field));
            if (!names.isEmpty()) {
                overrides.put(field.name(), String.join(",", names));
            }
        }
        try {
            return FieldNames.defaults().withOverrides(overrides);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(FIELD_PREFIX + "*", overrides, e.getMessage());
        }
    }

    public String httpHost() {
        return getString(HTTP_HOST_CONFIG);
    }

    public int httpPort() {
        return getInt(HTTP_PORT_CONFIG);
    }

    public Duration shutdownTimeout() {
        return Duration.ofMillis(getLong(SHUTDOWN_TIMEOUT_CONFIG));
    }

    public String applicationId() {
        return (String) streamsProperties().get(StreamsConfig.APPLICATION_ID_CONFIG);
    }

    /**
     * The Kafka Streams configuration: the collator's defaults (application id {@value #DEFAULT_APPLICATION_ID},
     * {@code exactly_once_v2}, {@code commit.interval.ms} {@value #DEFAULT_COMMIT_INTERVAL_MS}, producer {@code batch.size}
     * {@value #DEFAULT_PRODUCER_BATCH_SIZE}, the {@link RefusedOutputHandler} as production exception handler,
     * {@link BoundedRocksDbMemory} as RocksDB config setter),
     * overridden by every key of the originals outside {@code collator.*}.
     */
    public Properties streamsProperties() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, DEFAULT_APPLICATION_ID);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, DEFAULT_COMMIT_INTERVAL_MS);
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, RefusedOutputHandler.class.getName());
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class.getName());
        props.put(BoundedRocksDbMemory.MEMORY_CONFIG, getLong(DEDUPE_ROCKSDB_MEMORY_CONFIG));
        if (!originals().containsKey(ProducerConfig.BATCH_SIZE_CONFIG)
                && !originals().containsKey(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG))) {
            props.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), DEFAULT_PRODUCER_BATCH_SIZE);
        }
        for (Map.Entry<String, Object> e : originals().entrySet()) {
            if (!e.getKey().startsWith(PREFIX)) {
                props.put(e.getKey(), e.getValue());
            }
        }
        Properties out = new Properties();
        out.putAll(props);
        return out;
    }
}
