package io.lakeloop.streams.collator;

import static io.lakeloop.streams.collator.CollatorConfig.*;

import io.lakeloop.event.EventField;
import io.lakeloop.event.TimestampNormalizer;
import io.lakeloop.event.TimestampUnit;
import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/** The definition of the collator's own keys ({@link CollatorConfig#CONFIG_DEF}), by group. */
final class CollatorConfigDef {

    private static final ConfigDef.Validator NON_EMPTY_LIST = new ConfigDef.Validator() {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null || ((List<?>) value).isEmpty() || ((List<?>) value).contains("")) {
                throw new ConfigException(name, value, "at least one non-empty topic name is required");
            }
        }

        @Override
        public String toString() {
            return "non-empty list";
        }
    };

    private CollatorConfigDef() {
    }

    static ConfigDef build() {
        ConfigDef def = new ConfigDef();
        defineTopics(def);
        defineDedupe(def);
        defineEvents(def);
        defineService(def);
        return def;
    }

    private static void defineTopics(ConfigDef def) {
        int o = 0;
        String g = "Topics";
        def.define(INPUT_TOPICS_CONFIG, Type.LIST, "interactions", NON_EMPTY_LIST, Importance.HIGH, "The raw interactions topics to read (tracker batches and flat events, JSON).",
                g, ++o, Width.LONG, "Input topics");
        def.define(OUTPUT_TOPIC_CONFIG, Type.STRING, "lake.interactions", new ConfigDef.NonEmptyString(),
                Importance.HIGH, "Lake-schema rows: key = USER_ID (string), value = the LakeRow JSON object keyed by "
                        + "the lake column names.", g, ++o, Width.LONG, "Output topic");
        def.define(DLQ_TOPIC_CONFIG, Type.STRING, "interactions.dlq", new ConfigDef.NonEmptyString(),
                Importance.HIGH, "Dead letters: the original record bytes with lakeloop.* reason and source headers.",
                g, ++o, Width.LONG, "Dead-letter topic");
        def.define(TOPICS_CREATE_CONFIG, Type.BOOLEAN, true, Importance.MEDIUM,
                "Create the output and dead-letter topics at start when they do not exist.", g, ++o, Width.SHORT,
                "Create topics");
        def.define(TOPICS_PARTITIONS_CONFIG, Type.INT, -1, Range.between(-1, 100_000), Importance.LOW,
                "Partitions of created topics; -1 = as many as the first input topic.", g, ++o, Width.SHORT,
                "Created topic partitions");
        def.define(TOPICS_REPLICATION_CONFIG, Type.SHORT, (short) -1, Range.between(-1, 100), Importance.LOW,
                "Replication factor of created topics; -1 = the broker's default.", g, ++o, Width.SHORT,
                "Created topic replication");
    }

    private static void defineDedupe(ConfigDef def) {
        int o = 0;
        String g = "Deduplication";
        def.define(DEDUPE_RETENTION_CONFIG, Type.LONG, DEFAULT_DEDUPE_RETENTION_MS, Range.atLeast(1000),
                Importance.HIGH, "How long an event id is remembered: a copy of an event whose record arrives "
                        + "within this time of the first (by record timestamp) is dropped.", g, ++o, Width.MEDIUM,
                "Dedupe retention (ms)");
        def.define(DEDUPE_REPARTITION_CONFIG, Type.BOOLEAN, true, Importance.MEDIUM,
                "Repartition by USER_ID the events that are not already in the partition of their user (the "
                        + "by-user topic), so every copy of an event meets the same dedupe store whatever the input "
                        + "key. Input keyed by the user id with the default partitioner is detected per event and "
                        + "never repartitioned. false = never repartition: correct only when every producer keys "
                        + "records so and all input topics have the same partition count.",
                g, ++o, Width.SHORT, "Repartition by user");
        def.define(DEDUPE_ROCKSDB_MEMORY_CONFIG, Type.LONG, BoundedRocksDbMemory.DEFAULT_MEMORY_BYTES,
                Range.atLeast(8L * 1024 * 1024), Importance.LOW, "Off-heap memory of the dedupe store, for the "
                        + "whole process: one RocksDB block cache shared by every task and segment, holding the "
                        + "bloom filters and indexes at high priority, with the memtables counted against it. Used "
                        + "unless rocksdb.config.setter is set.", g, ++o, Width.MEDIUM, "Dedupe store memory (bytes)");
        def.define(DEDUPE_FILTER_MEMORY_CONFIG, Type.LONG, DEFAULT_DEDUPE_FILTER_MEMORY_BYTES,
                Range.between(0L, 16L * 1024 * 1024 * 1024), Importance.LOW, "Heap of the in-memory Bloom filters "
                        + "in front of the dedupe store, for the whole process: each task (one per partition of the "
                        + "first input topic) keeps one filter for the current and one for the previous retention "
                        + "bucket, each of this / (2 x partitions) bytes (at least 64), so that a new event is known "
                        + "unseen without a RocksDB lookup. Results are exact whatever the size: a full filter only "
                        + "sends more new events to the store (0.3 % of them at 13 bits per id, 1 % at 10, 4 % at 7). "
                        + "Filled from the store when a task starts. 0 = no filters.", g, ++o, Width.MEDIUM,
                "Dedupe filter memory (bytes)");
    }

    private static void defineEvents(ConfigDef def) {
        int o = 0;
        String g = "Events";
        def.define(TIMESTAMP_UNIT_CONFIG, Type.STRING, TimestampUnit.AUTO.name(),
                ValidString.in(names(TimestampUnit.values())), Importance.MEDIUM,
                "How numeric timestamps are read: AUTO (>= 1e11 is milliseconds), SECONDS or MILLISECONDS.",
                g, ++o, Width.SHORT, "Timestamp unit");
        def.define(TIMESTAMP_MAX_AGE_CONFIG, Type.LONG, DEFAULT_MAX_AGE_MS, Range.atLeast(-1), Importance.MEDIUM,
                "Events older than this (against the reference time) are rejected as TIMESTAMP_TOO_OLD; "
                        + "-1 (the default) = no limit, so backfills of history are collated. Opt in (e.g. "
                        + "2592000000, 30 days) to catch unit mistakes that would write 1970 rows.", g, ++o, Width.MEDIUM,
                "Max event age (ms)");
        def.define(TIMESTAMP_MAX_FUTURE_SKEW_CONFIG, Type.LONG, TimestampNormalizer.DEFAULT_MAX_FUTURE_SKEW.toMillis(),
                Range.atLeast(0), Importance.MEDIUM, "Events further ahead of the reference time, and records "
                        + "whose Kafka timestamp is further ahead of the collator's clock (whatever the reference), "
                        + "are rejected as TIMESTAMP_IN_FUTURE, so no record can move the dedupe store's time ahead. "
                        + "Records ahead of the clock by less are collated at the clock's time.",
                g, ++o, Width.MEDIUM, "Max future skew (ms)");
        def.define(TIMESTAMP_REFERENCE_CONFIG, Type.STRING, TimestampReference.RECORD.name(),
                ValidString.in(names(TimestampReference.values())), Importance.LOW,
                "The 'now' of the age and skew checks: RECORD = the Kafka record's timestamp (deterministic; a "
                        + "replay or a backlog after downtime gives the same verdicts), WALLCLOCK = the collator's clock.",
                g, ++o, Width.SHORT, "Timestamp reference");
        for (EventField field : EventField.values()) {
            def.define(fieldKey(field), Type.LIST, "", Importance.LOW, "Names the " + field + " field is read "
                            + "under, first match wins; empty = the defaults " + field.defaultNames() + ".",
                    g, ++o, Width.MEDIUM, "Field " + field);
        }
    }

    private static void defineService(ConfigDef def) {
        int o = 0;
        String g = "Service";
        def.define(HTTP_HOST_CONFIG, Type.STRING, "0.0.0.0", new ConfigDef.NonEmptyString(), Importance.LOW,
                "Address of the /health, /ready and /metrics HTTP server.", g, ++o, Width.MEDIUM, "HTTP host");
        def.define(HTTP_PORT_CONFIG, Type.INT, DEFAULT_HTTP_PORT, Range.between(-1, 65535), Importance.MEDIUM,
                "Port of the /health, /ready and /metrics HTTP server; 0 = any free port, -1 = no server.",
                g, ++o, Width.SHORT, "HTTP port");
        def.define(SHUTDOWN_TIMEOUT_CONFIG, Type.LONG, 30_000L, Range.atLeast(0), Importance.LOW,
                "How long a graceful shutdown (SIGTERM) waits for Kafka Streams to commit and close.",
                g, ++o, Width.SHORT, "Shutdown timeout (ms)");
    }

    private static String[] names(Enum<?>[] values) {
        String[] out = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i].name();
        }
        return out;
    }

}
