package io.lakeloop.connect.s3.config;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Confluent S3 sink's keys accepted as deprecated aliases of this connector's, so an existing connector config
 * runs after changing {@code connector.class}. Only keys whose meaning carries over are aliases (values translated
 * where the vocabularies differ); keys whose meaning differs ({@code partitioner.class}, {@code path.format},
 * {@code topics.dir}, {@code format.class} Avro) fail naming what to use instead. The migration table, with the
 * meaning changes, is {@code docs/connect-s3-sink-migration.md}.
 */
public final class ConfluentAliases {

    private static final Logger LOG = LoggerFactory.getLogger(ConfluentAliases.class);

    private record Alias(String key, UnaryOperator<String> value) {
    }

    private static final Map<String, Alias> ALIASES = new LinkedHashMap<>();
    private static final Map<String, String> UNSUPPORTED = new LinkedHashMap<>();

    static {
        ALIASES.put("s3.bucket.name", new Alias(StorageFragment.BUCKET_CONFIG, v -> v));
        ALIASES.put("s3.region", new Alias("aws.region", v -> v));
        ALIASES.put("store.url", new Alias("aws.endpoint", v -> v));
        ALIASES.put("s3.part.size", new Alias(StorageFragment.PART_SIZE_CONFIG, v -> v));
        ALIASES.put("s3.ssea.name", new Alias(StorageFragment.SSE_CONFIG, v -> v.isBlank() ? "none" : v));
        ALIASES.put("s3.path.style.access.enabled", new Alias(StorageFragment.PATH_STYLE_CONFIG, v -> v));
        ALIASES.put("flush.size", new Alias(RotationFragment.RECORDS_CONFIG, v -> v));
        ALIASES.put("s3.compression.type", new Alias(FormatFragment.COMPRESSION_CONFIG, v -> v));
        ALIASES.put("s3.compression.level", new Alias(FormatFragment.COMPRESSION_LEVEL_CONFIG, v -> v));
        ALIASES.put("timezone", new Alias(LayoutFragment.TIME_ZONE_CONFIG, v -> v));
        ALIASES.put("timestamp.field", new Alias(LayoutFragment.TIME_FIELD_CONFIG, v -> v));
        ALIASES.put("timestamp.extractor", new Alias(LayoutFragment.TIME_SOURCE_CONFIG, ConfluentAliases::timeSource));
        ALIASES.put("format.class", new Alias(FormatFragment.FORMAT_CONFIG, ConfluentAliases::format));
        UNSUPPORTED.put("partitioner.class", "s3.key.layout (firehose, hive) or s3.key.template");
        UNSUPPORTED.put("path.format", "s3.key.template ({yyyy}/{MM}/{dd}/{HH} placeholders)");
        UNSUPPORTED.put("topics.dir", "s3.key.prefix or s3.key.template");
        UNSUPPORTED.put("partition.field.name", "s3.key.template with {field:<name>}");
    }

    private ConfluentAliases() {
    }

    /** The Confluent keys accepted, with the key each stands for. */
    public static Map<String, String> aliases() {
        Map<String, String> out = new LinkedHashMap<>();
        ALIASES.forEach((alias, target) -> out.put(alias, target.key()));
        return out;
    }

    /** The Confluent keys refused (their meaning differs), with what to use instead. */
    public static Map<String, String> unsupported() {
        return Map.copyOf(UNSUPPORTED);
    }

    /**
     * {@code props} with every alias replaced by its key (a WARN line per alias).
     *
     * @throws ConfigException naming the key when an alias and its key disagree, or a refused key is set
     */
    public static Map<String, Object> apply(Map<?, ?> props) {
        Map<String, Object> out = new HashMap<>();
        props.forEach((k, v) -> out.put(String.valueOf(k), v));
        for (Map.Entry<String, String> refused : UNSUPPORTED.entrySet()) {
            if (out.containsKey(refused.getKey())) {
                throw new ConfigException(refused.getKey(), out.get(refused.getKey()), "is the Confluent S3 sink's key "
                        + "and means something this connector does not do; use " + refused.getValue()
                        + " (see docs/connect-s3-sink-migration.md)");
            }
        }
        for (Map.Entry<String, Alias> alias : ALIASES.entrySet()) {
            Object raw = out.remove(alias.getKey());
            if (raw == null) {
                continue;
            }
            String key = alias.getValue().key();
            String value = alias.getValue().value().apply(String.valueOf(raw).trim());
            Object present = out.get(key);
            if (present != null && !String.valueOf(present).trim().equalsIgnoreCase(value)) {
                throw new ConfigException(alias.getKey(), raw, "is a deprecated alias of " + key + ", which is set to "
                        + "another value; remove the alias");
            }
            out.put(key, value);
            LOG.warn("'{}' is deprecated here (the Confluent S3 sink's name): use '{}'", alias.getKey(), key);
        }
        return out;
    }

    private static String timeSource(String extractor) {
        String simple = extractor.substring(extractor.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return switch (simple) {
            case "record", "recordtimestampextractor" -> "record";
            case "recordfield", "recordfieldtimestampextractor" -> "field";
            case "wallclock", "wallclocktimestampextractor" -> "wallclock";
            default -> throw new ConfigException("timestamp.extractor", extractor,
                    "must be Record, RecordField or Wallclock (as time.source: record, field, wallclock)");
        };
    }

    private static String format(String formatClass) {
        return switch (formatClass.substring(formatClass.lastIndexOf('.') + 1)) {
            case "JsonFormat" -> "jsonl";
            case "ByteArrayFormat" -> "raw";
            default -> throw new ConfigException("format.class", formatClass, "has no equivalent here: use format="
                    + "jsonl, csv or raw (JsonFormat and ByteArrayFormat are accepted as aliases)");
        };
    }
}
