package io.lakeloop.connect.personalize.config;

import io.lakeloop.aws.AwsConfigDef;
import io.lakeloop.aws.AwsSettings;
import io.lakeloop.event.FieldNames;
import io.lakeloop.event.PersonalizeLimits;
import io.lakeloop.event.TimestampNormalizer;
import io.lakeloop.event.TimestampUnit;
import io.lakeloop.metrics.MetricsConfigDef;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * The connector's configuration: what to send where ({@code personalize.*}), how records are read
 * ({@code record.*}, {@code timestamp.*}, {@code field.*}, see {@link FieldNamesFragment}), how fast and how
 * persistently ({@code batch.*}, {@code max.*}, {@code rate.limit.*}, {@code retry.*}) and the shared {@code aws.*}
 * keys of lakeloop-core. Rules that span keys live in {@link CrossKeyRules}.
 */
public final class PersonalizeSinkConfig extends AbstractConfig {

    public static final String GROUP_TARGET = "Personalize";
    public static final String GROUP_RECORDS = "Records";
    public static final String GROUP_DELIVERY = "Delivery";

    public static final String DATA_TYPE_CONFIG = "personalize.data.type";
    public static final String TRACKING_ID_CONFIG = "personalize.tracking.id";
    public static final String DATASET_ARN_CONFIG = "personalize.dataset.arn";

    public static final String EVENT_ID_MODE_CONFIG = "record.event.id.mode";
    public static final String ID_FIELD_CONFIG = "record.id.field";
    public static final String PROPERTIES_FIELD_CONFIG = "record.properties.field";
    public static final String PROPERTIES_INCLUDE_CONFIG = "record.properties.include";
    public static final String PROPERTIES_EXCLUDE_CONFIG = "record.properties.exclude";
    public static final String TIMESTAMP_UNIT_CONFIG = "timestamp.unit";
    public static final String TIMESTAMP_MAX_FUTURE_CONFIG = "timestamp.max.future.skew.ms";

    public static final String BATCH_MAX_SIZE_CONFIG = "batch.max.size";
    public static final String BATCH_LINGER_CONFIG = "batch.linger.ms";
    public static final String MAX_IN_FLIGHT_CONFIG = "max.in.flight.requests";
    public static final String MAX_BUFFERED_CONFIG = "max.buffered.records";
    public static final String MAX_BUFFERED_BYTES_CONFIG = "max.buffered.bytes";
    public static final String DEAD_LETTER_MAX_PAYLOAD_CONFIG = "dead.letter.max.payload.bytes";
    public static final String RATE_LIMIT_CONFIG = "rate.limit.requests.per.second";
    public static final String RETRY_INITIAL_CONFIG = "retry.backoff.initial.ms";
    public static final String RETRY_MAX_CONFIG = "retry.backoff.max.ms";
    public static final String RETRY_DEADLINE_CONFIG = "retry.deadline.ms";

    /**
     * Set by the connector on each task: its share of the rate limit, and its index (for metric names). Not in the
     * ConfigDef, so users never see them; read from the originals.
     */
    public static final String TASK_RATE_LIMIT_CONFIG = "lakeloop.internal.task.rate.limit";
    public static final String TASK_INDEX_CONFIG = "lakeloop.internal.task.index";

    /** Connect's own key, read from the same map: none fails the task on a bad record, all reports it. */
    public static final String ERRORS_TOLERANCE_CONFIG = "errors.tolerance";

    public static final ConfigDef CONFIG_DEF = configDef();

    /** Keys of aws/personalize-kafka-connector are accepted too, translated by {@link LegacyKeys}. */
    public PersonalizeSinkConfig(Map<String, ?> originals) {
        super(CONFIG_DEF, LegacyKeys.translate(originals), false);
    }

    public static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        int o = 0;
        def.define(DATA_TYPE_CONFIG, Type.STRING, DataType.EVENTS.configName(),
                        ConfigDef.CaseInsensitiveValidString.in(DataType.configNames().toArray(String[]::new)),
                        Importance.HIGH, "What this connector sends: 'events' (PutEvents), 'items' (PutItems), "
                                + "'users' (PutUsers), 'actions' (PutActions) or 'action-interactions' "
                                + "(PutActionInteractions). One connector per data type.",
                        GROUP_TARGET, ++o, Width.SHORT, "Data type")
                .define(TRACKING_ID_CONFIG, Type.STRING, "", Importance.HIGH, "The event tracker's tracking id; "
                                + "required for 'events' and 'action-interactions'.",
                        GROUP_TARGET, ++o, Width.MEDIUM, "Tracking id")
                .define(DATASET_ARN_CONFIG, Type.STRING, "", Importance.HIGH, "The dataset ARN; required for "
                                + "'items', 'users' and 'actions', and must name a dataset of that kind "
                                + "(e.g. arn:aws:personalize:eu-west-1:123456789012:dataset/shop/ITEMS).",
                        GROUP_TARGET, ++o, Width.LONG, "Dataset ARN");
        o = 0;
        def.define(EVENT_ID_MODE_CONFIG, Type.STRING, "position",
                        ConfigDef.CaseInsensitiveValidString.in("position", "content"), Importance.MEDIUM,
                        "Event id of events whose producer gave none: 'position' derives it from topic, partition, "
                                + "offset and index in the record (a record delivered twice yields the same ids, "
                                + "repeated events stay distinct); 'content' derives it from the event's fields.",
                        GROUP_RECORDS, ++o, Width.SHORT, "Event id derivation")
                .define(ID_FIELD_CONFIG, Type.STRING, "", Importance.MEDIUM, "Items/users/actions and action "
                                + "interactions: the fields the record's id is read from, comma-separated, first "
                                + "match wins. Empty: item_id,itemId,ITEM_ID (items), user_id,userId,USER_ID (users), "
                                + "action_id,actionId,ACTION_ID (actions, action-interactions).",
                        GROUP_RECORDS, ++o, Width.MEDIUM, "Id field")
                .define(PROPERTIES_FIELD_CONFIG, Type.STRING, "properties", Importance.LOW, "Items/users/actions: "
                                + "a field that already holds the properties (a JSON object or a string holding one). "
                                + "When the record has it, it is sent as is; otherwise the other fields are folded "
                                + "into the properties.",
                        GROUP_RECORDS, ++o, Width.SHORT, "Properties field")
                .define(PROPERTIES_INCLUDE_CONFIG, Type.LIST, "", Importance.LOW, "Items/users/actions: the only "
                                + "fields folded into properties. Empty: every field but the id.",
                        GROUP_RECORDS, ++o, Width.LONG, "Properties include")
                .define(PROPERTIES_EXCLUDE_CONFIG, Type.LIST, "", Importance.LOW, "Items/users/actions: fields "
                                + "never folded into properties.",
                        GROUP_RECORDS, ++o, Width.LONG, "Properties exclude")
                .define(TIMESTAMP_UNIT_CONFIG, Type.STRING, "auto",
                        ConfigDef.CaseInsensitiveValidString.in("auto", "seconds", "milliseconds"), Importance.MEDIUM,
                        "How numeric timestamps are read: 'auto' (values of 1e11 and more are milliseconds), "
                                + "'seconds' or 'milliseconds'. ISO-8601 with an offset is always accepted. Set the "
                                + "unit your producers send: under 'auto' a seconds value of 1e11 or more (after the "
                                + "year 5138) is read as milliseconds, e.g. 253402300799 (9999-12-31 in seconds) is "
                                + "sent dated 1978-01-11, where 'seconds' rejects it as in the future.",
                        GROUP_RECORDS, ++o, Width.SHORT, "Timestamp unit")
                .define(TIMESTAMP_MAX_FUTURE_CONFIG, Type.LONG, TimestampNormalizer.DEFAULT_MAX_FUTURE_SKEW.toMillis(),
                        Range.atLeast(0), Importance.LOW, "Events further than this in the future are rejected.",
                        GROUP_RECORDS, ++o, Width.SHORT, "Max future skew (ms)");
        o = 0;
        def.define(BATCH_MAX_SIZE_CONFIG, Type.INT, PersonalizeLimits.MAX_RECORDS_PER_CALL,
                        Range.between(1, PersonalizeLimits.MAX_RECORDS_PER_CALL), Importance.LOW,
                        "Records per call. Events are grouped by (user id, session id), in their order.",
                        GROUP_DELIVERY, ++o, Width.SHORT, "Batch size")
                .define(BATCH_LINGER_CONFIG, Type.LONG, 50L, Range.between(0, 60_000), Importance.LOW,
                        "How long a partial batch may wait for more records of its session before it is sent. "
                                + "It is most of an event's latency when the stack keeps up (the call adds a few ms "
                                + "locally); shorter means fewer events per call and more calls (PutEvents quota: "
                                + "1,000 calls/s per tracker), longer means fuller calls only if a session's events "
                                + "arrive that far apart. The task asks Connect to poll again when a batch is due, "
                                + "so the wait holds even when no further record arrives.",
                        GROUP_DELIVERY, ++o, Width.SHORT, "Linger (ms)")
                .define(MAX_IN_FLIGHT_CONFIG, Type.INT, 32, Range.between(1, 512), Importance.MEDIUM,
                        "Calls a task keeps in flight at once (also the size of its HTTP connection pool).",
                        GROUP_DELIVERY, ++o, Width.SHORT, "Max in-flight calls")
                .define(MAX_BUFFERED_CONFIG, Type.INT, 20_000, Range.atLeast(1), Importance.LOW,
                        "Records a task holds that are not yet accepted; above it, put() waits (backpressure).",
                        GROUP_DELIVERY, ++o, Width.SHORT, "Max buffered records")
                .define(MAX_BUFFERED_BYTES_CONFIG, Type.LONG, 64L * 1024 * 1024, Range.atLeast(1024 * 1024),
                        Importance.LOW, "About how many bytes of heap the records a task holds that are not yet "
                                + "accepted may take (their key and value, and what they are mapped to); above it, "
                                + "put() waits up to 30 s, then asks Connect to pause and deliver the same records "
                                + "again (backpressure). Records already handed on hold nothing. A poll's worth of "
                                + "records may come on top.",
                        GROUP_DELIVERY, ++o, Width.SHORT, "Max buffered bytes")
                .define(RATE_LIMIT_CONFIG, Type.DOUBLE, -1.0, Range.atLeast(-1), Importance.MEDIUM,
                        "Requests per second the whole connector sends to its tracking id / dataset, split evenly "
                                + "across its tasks. -1: the Personalize quota of the data type (PutEvents 1000, "
                                + "PutItems/PutUsers/PutActions 10, PutActionInteractions 1000); 0: no limit.",
                        GROUP_DELIVERY, ++o, Width.SHORT, "Rate limit (requests/s)")
                .define(RETRY_INITIAL_CONFIG, Type.LONG, 100L, Range.between(1, 600_000), Importance.LOW,
                        "First backoff after a throttled, 5xx or I/O-failed call; doubles per attempt, full jitter.",
                        GROUP_DELIVERY, ++o, Width.SHORT, "Initial backoff (ms)")
                .define(RETRY_MAX_CONFIG, Type.LONG, 10_000L, Range.between(1, 600_000), Importance.LOW,
                        "Largest backoff between two attempts of a call.",
                        GROUP_DELIVERY, ++o, Width.SHORT, "Max backoff (ms)")
                .define(RETRY_DEADLINE_CONFIG, Type.LONG, 300_000L, Range.between(1, 86_400_000), Importance.MEDIUM,
                        "How long a batch is retried before the task fails (its records' offsets stay uncommitted, "
                                + "so nothing is skipped).",
                        GROUP_DELIVERY, ++o, Width.SHORT, "Retry deadline (ms)")
                .define(DEAD_LETTER_MAX_PAYLOAD_CONFIG, Type.LONG, 768L * 1024, Range.atLeast(1024),
                        Importance.LOW, "A dead letter whose key, value and headers would take more bytes than "
                                + "this is written without key and value (headers lakeloop.payload.dropped and "
                                + "lakeloop.source.topic/partition/offset say where the record is), so that it "
                                + "always fits the dead-letter producer's max.request.size (1 MiB by default, "
                                + "with room for Connect's error headers). Raise both together.",
                        GROUP_DELIVERY, ++o, Width.SHORT, "Dead letter max payload (bytes)");
        FieldNamesFragment.define(def);
        AwsConfigDef.define(def);
        return MetricsConfigDef.define(def);
    }

    public DataType dataType() {
        return DataType.of(getString(DATA_TYPE_CONFIG));
    }

    public String trackingId() {
        return getString(TRACKING_ID_CONFIG).trim();
    }

    public String datasetArn() {
        return getString(DATASET_ARN_CONFIG).trim();
    }

    /** The tracking id or dataset ARN the calls address. */
    public String target() {
        return dataType().usesTrackingId() ? trackingId() : datasetArn();
    }

    public boolean eventIdFromPosition() {
        return "position".equalsIgnoreCase(getString(EVENT_ID_MODE_CONFIG));
    }

    public List<String> idFields() {
        String v = getString(ID_FIELD_CONFIG);
        if (v == null || v.isBlank()) {
            return dataType().defaultIdFields();
        }
        return List.of(v.split("\\s*,\\s*"));
    }

    public String propertiesField() {
        return getString(PROPERTIES_FIELD_CONFIG).trim();
    }

    public List<String> propertiesInclude() {
        return getList(PROPERTIES_INCLUDE_CONFIG);
    }

    public List<String> propertiesExclude() {
        return getList(PROPERTIES_EXCLUDE_CONFIG);
    }

    public FieldNames fieldNames() {
        return FieldNamesFragment.fieldNames(this);
    }

    public TimestampNormalizer timestampNormalizer() {
        TimestampUnit unit = TimestampUnit.valueOf(getString(TIMESTAMP_UNIT_CONFIG).toUpperCase(Locale.ROOT));
        return new TimestampNormalizer(unit, Duration.ofMillis(getLong(TIMESTAMP_MAX_FUTURE_CONFIG)), null,
                Clock.systemUTC());
    }

    public int batchMaxSize() {
        return getInt(BATCH_MAX_SIZE_CONFIG);
    }

    public Duration batchLinger() {
        return Duration.ofMillis(getLong(BATCH_LINGER_CONFIG));
    }

    public int maxInFlight() {
        return getInt(MAX_IN_FLIGHT_CONFIG);
    }

    public int maxBufferedRecords() {
        return getInt(MAX_BUFFERED_CONFIG);
    }

    public long maxBufferedBytes() {
        return getLong(MAX_BUFFERED_BYTES_CONFIG);
    }

    public long deadLetterMaxPayloadBytes() {
        return getLong(DEAD_LETTER_MAX_PAYLOAD_CONFIG);
    }

    /** The connector-wide limit: the configured one, or the data type's quota for -1; 0 means none. */
    public double connectorRateLimit() {
        double v = getDouble(RATE_LIMIT_CONFIG);
        return v < 0 ? dataType().requestsPerSecond() : v;
    }

    /** This task's share, as the connector assigned it; the whole limit when run without the connector. */
    public double taskRateLimit() {
        Object v = originals().get(TASK_RATE_LIMIT_CONFIG);
        return v == null ? connectorRateLimit() : Double.parseDouble(v.toString());
    }

    public int taskIndex() {
        Object v = originals().get(TASK_INDEX_CONFIG);
        return v == null ? 0 : Integer.parseInt(v.toString());
    }

    public Duration retryInitialBackoff() {
        return Duration.ofMillis(getLong(RETRY_INITIAL_CONFIG));
    }

    public Duration retryMaxBackoff() {
        return Duration.ofMillis(getLong(RETRY_MAX_CONFIG));
    }

    public Duration retryDeadline() {
        return Duration.ofMillis(getLong(RETRY_DEADLINE_CONFIG));
    }

    /** How often the task logs its metrics line ({@code metrics.log.interval.ms}); zero: only when it stops. */
    public Duration metricsLogInterval() {
        return MetricsConfigDef.logInterval(this);
    }

    public AwsSettings awsSettings() {
        return AwsConfigDef.settings(this);
    }

    /** True with {@code errors.tolerance=all}: bad records go to the errant-record reporter instead of failing. */
    public boolean toleratesErrors() {
        Object v = originals().get(ERRORS_TOLERANCE_CONFIG);
        return v != null && "all".equalsIgnoreCase(v.toString().trim());
    }
}
