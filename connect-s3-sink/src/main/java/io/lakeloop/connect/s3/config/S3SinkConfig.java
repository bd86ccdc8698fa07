package io.lakeloop.connect.s3.config;

import static io.lakeloop.connect.s3.config.FormatFragment.COMPRESSION_CONFIG;
import static io.lakeloop.connect.s3.config.FormatFragment.FORMAT_CONFIG;
import static io.lakeloop.connect.s3.config.LayoutFragment.LAYOUT_CONFIG;
import static io.lakeloop.connect.s3.config.LayoutFragment.TIME_FIELD_CONFIG;
import static io.lakeloop.connect.s3.config.LayoutFragment.TIME_SOURCE_CONFIG;

import io.lakeloop.aws.AwsConfigDef;
import io.lakeloop.aws.AwsSettings;
import io.lakeloop.connect.s3.key.KeyTemplate;
import io.lakeloop.lake.DataAddress;
import io.lakeloop.metrics.MetricsConfigDef;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * The S3 sink's configuration: the {@code aws.*} and {@code metrics.*} keys shared with every Lakeloop connector plus
 * the fragments {@link StorageFragment}, {@link LayoutFragment}, {@link FormatFragment} and {@link RotationFragment}.
 * Parsing checks each key; {@link #checkCrossKeyRules()} checks the rules that span keys (the connector's
 * {@code validate()} and the task's {@code start()} both call it).
 */
public final class S3SinkConfig extends AbstractConfig {

    /** Connect passes the connector's name to its tasks under this key. */
    public static final String NAME_CONFIG = "name";
    /** Added by the connector to each task's config: the task's index, for metrics names. */
    public static final String TASK_INDEX_CONFIG = "lakeloop.task.index";

    public enum Layout { FIREHOSE, HIVE, CUSTOM }

    public enum TimeSource { RECORD, FIELD, WALLCLOCK }

    public enum Format { JSONL, CSV, RAW, PARQUET }

    public enum NullValues { DLQ, IGNORE, FAIL }

    public S3SinkConfig(Map<?, ?> props) {
        super(configDef(), ConfluentAliases.apply(props));
    }

    public static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        StorageFragment.define(def);
        LayoutFragment.define(def);
        FormatFragment.define(def);
        RotationFragment.define(def);
        AwsConfigDef.define(def);
        MetricsConfigDef.define(def);
        return def;
    }

    /** @throws ConfigException naming the key when keys do not fit together */
    public void checkCrossKeyRules() {
        keyTemplate();
        if (timeSource() == TimeSource.FIELD && getString(TIME_FIELD_CONFIG).isBlank()) {
            throw new ConfigException(TIME_FIELD_CONFIG, "", "is required when " + TIME_SOURCE_CONFIG + "=field");
        }
        if (sse().equals("aws:kms") == false && !getString(StorageFragment.SSE_KMS_KEY_CONFIG).isBlank()) {
            throw new ConfigException(StorageFragment.SSE_KMS_KEY_CONFIG, getString(StorageFragment.SSE_KMS_KEY_CONFIG),
                    "is only used with " + StorageFragment.SSE_CONFIG + "=aws:kms");
        }
        checkParquetRules();
        if ((format() == Format.RAW || format() == Format.PARQUET) && (storeKeys() || storeHeaders())) {
            throw new ConfigException(storeKeys() ? FormatFragment.STORE_KEYS_CONFIG : FormatFragment.STORE_HEADERS_CONFIG,
                    "true", "format=" + format().name().toLowerCase(Locale.ROOT) + " stores values only; use format=jsonl or csv");
        }
        awsSettings();
    }

    /** The full key template of the configured layout, without the extension. */
    public KeyTemplate keyTemplate() {
        String file = "{topic}+{partition}+{start_offset}";
        return switch (layout()) {
            case FIREHOSE -> KeyTemplate.parse(LAYOUT_CONFIG,
                    escape(required(LayoutFragment.PREFIX_CONFIG)) + "{yyyy}/{MM}/{dd}/{HH}/" + file);
            case HIVE -> {
                required(LayoutFragment.HIVE_DATASET_CONFIG);
                required(LayoutFragment.HIVE_TABLE_CONFIG);
                DataAddress table;
                try {
                    table = new DataAddress(getString(LayoutFragment.HIVE_DATASET_CONFIG),
                            getString(LayoutFragment.HIVE_TABLE_CONFIG), null, "any");
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(LayoutFragment.HIVE_DATASET_CONFIG + "/" + LayoutFragment.HIVE_TABLE_CONFIG,
                            getString(LayoutFragment.HIVE_DATASET_CONFIG) + "/" + getString(LayoutFragment.HIVE_TABLE_CONFIG),
                            e.getMessage());
                }
                yield KeyTemplate.parse(LAYOUT_CONFIG, table.s3Key() + "dt={yyyy}-{MM}-{dd}/" + file);
            }
            case CUSTOM -> KeyTemplate.parse(LayoutFragment.TEMPLATE_CONFIG, getString(LayoutFragment.TEMPLATE_CONFIG));
        };
    }

    private void checkParquetRules() {
        boolean parquet = format() == Format.PARQUET;
        if (!parquet && compressionName().equals("snappy")) {
            throw new ConfigException(COMPRESSION_CONFIG, "snappy", "is a Parquet page codec: use gzip, zstd or none");
        }
        if (!parquet) {
            return;
        }
        for (String column : csvColumns()) {
            if (io.lakeloop.lake.LakeColumn.byName(column).isEmpty()) {
                throw new ConfigException(FormatFragment.CSV_COLUMNS_CONFIG, column, "is not a lake column; "
                        + "format=parquet writes lake columns");
            }
        }
        if (!io.lakeloop.connect.s3.format.parquet.ParquetSupport.available()) {
            throw new ConfigException(FORMAT_CONFIG, "parquet", "needs Parquet, which this plugin leaves out to stay "
                    + "small: install " + io.lakeloop.connect.s3.format.parquet.ParquetSupport.PLUGIN + " instead "
                    + "(the same connector plus Parquet; on MSK Connect, upload that zip as the custom plugin)");
        }
    }

    /** No key has a pipeline's path as its default: a layout's own keys must be set. */
    private String required(String key) {
        String value = getString(key);
        if (value.isBlank()) {
            throw new ConfigException(key, value, "is required with " + LAYOUT_CONFIG + "=" + layout().name()
                    .toLowerCase(Locale.ROOT));
        }
        return value;
    }

    private static String escape(String literal) {
        if (literal.contains("{") || literal.contains("}")) {
            throw new ConfigException(LayoutFragment.PREFIX_CONFIG, literal, "must not contain '{' or '}'");
        }
        return literal;
    }

    public String bucket() {
        return getString(StorageFragment.BUCKET_CONFIG);
    }

    public boolean pathStyle() {
        return getBoolean(StorageFragment.PATH_STYLE_CONFIG);
    }

    public int partSize() {
        return getInt(StorageFragment.PART_SIZE_CONFIG);
    }

    public String sse() {
        return getString(StorageFragment.SSE_CONFIG);
    }

    public String sseKmsKeyId() {
        String s = getString(StorageFragment.SSE_KMS_KEY_CONFIG);
        return s.isBlank() ? null : s.trim();
    }

    public String statePrefix() {
        return getString(StorageFragment.STATE_PREFIX_CONFIG);
    }

    public int replayGeneration() {
        return getInt(StorageFragment.REPLAY_GENERATION_CONFIG);
    }

    public long retryBackoffMs() {
        return getLong(StorageFragment.RETRY_BACKOFF_CONFIG);
    }

    public long retryBackoffMaxMs() {
        return getLong(StorageFragment.RETRY_BACKOFF_MAX_CONFIG);
    }

    public Layout layout() {
        return Layout.valueOf(getString(LAYOUT_CONFIG).toUpperCase(Locale.ROOT));
    }

    public TimeSource timeSource() {
        return TimeSource.valueOf(getString(TIME_SOURCE_CONFIG).toUpperCase(Locale.ROOT));
    }

    public String timeField() {
        return getString(TIME_FIELD_CONFIG).trim();
    }

    public io.lakeloop.event.TimestampUnit timeFieldUnit() {
        return io.lakeloop.event.TimestampUnit.valueOf(
                getString(LayoutFragment.TIME_FIELD_UNIT_CONFIG).toUpperCase(Locale.ROOT));
    }

    public ZoneId timeZone() {
        return ZoneId.of(getString(LayoutFragment.TIME_ZONE_CONFIG));
    }

    public Format format() {
        return Format.valueOf(getString(FORMAT_CONFIG).toUpperCase(Locale.ROOT));
    }

    public List<String> csvColumns() {
        return getList(FormatFragment.CSV_COLUMNS_CONFIG).stream().map(String::trim).toList();
    }

    public NullValues nullValues() {
        return NullValues.valueOf(getString(FormatFragment.NULL_VALUES_CONFIG).toUpperCase(Locale.ROOT));
    }

    public boolean storeKeys() {
        return getBoolean(FormatFragment.STORE_KEYS_CONFIG);
    }

    public boolean storeHeaders() {
        return getBoolean(FormatFragment.STORE_HEADERS_CONFIG);
    }

    public boolean csvHeader() {
        return getBoolean(FormatFragment.CSV_HEADER_CONFIG);
    }

    public boolean gzip() {
        return getString(COMPRESSION_CONFIG).equalsIgnoreCase("gzip");
    }

    /** {@code gzip}, {@code zstd}, {@code snappy} or {@code none}. */
    public String compressionName() {
        return getString(COMPRESSION_CONFIG).toLowerCase(Locale.ROOT);
    }

    public long parquetRowGroupBytes() {
        return getLong(FormatFragment.PARQUET_ROW_GROUP_CONFIG);
    }

    public boolean zstd() {
        return getString(COMPRESSION_CONFIG).equalsIgnoreCase("zstd");
    }

    public int gzipLevel() {
        return getInt(FormatFragment.COMPRESSION_LEVEL_CONFIG);
    }

    public long rotateRecords() {
        return getLong(RotationFragment.RECORDS_CONFIG);
    }

    public long rotateBytes() {
        return getLong(RotationFragment.BYTES_CONFIG);
    }

    public long rotateIntervalMs() {
        return getLong(RotationFragment.INTERVAL_CONFIG);
    }

    public long rotateScheduleMs() {
        return getLong(RotationFragment.SCHEDULE_CONFIG);
    }

    public long memoryBudget() {
        return getLong(RotationFragment.BUDGET_CONFIG);
    }

    public AwsSettings awsSettings() {
        return AwsConfigDef.settings(this);
    }

    /** How often the task logs its metrics line ({@code metrics.log.interval.ms}); zero: only when it stops. */
    public Duration metricsLogInterval() {
        return MetricsConfigDef.logInterval(this);
    }

    /** The connector's name (Connect sets it), used in the state keys and metric names. */
    public String connectorName() {
        Object name = originals().get(NAME_CONFIG);
        return name == null || name.toString().isBlank() ? "s3-sink" : name.toString();
    }

    public int taskIndex() {
        Object idx = originals().get(TASK_INDEX_CONFIG);
        return idx == null ? 0 : Integer.parseInt(idx.toString());
    }
}
