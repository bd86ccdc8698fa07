package io.lakeloop.connect.s3.config;

import java.time.DateTimeException;
import java.time.ZoneId;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/** {@code s3.key.*} and {@code time.*}: how an object's key is made. */
public final class LayoutFragment {

    public static final String GROUP = "Object keys";

    public static final String LAYOUT_CONFIG = "s3.key.layout";
    private static final String LAYOUT_DOC = "Key layout preset. 'firehose': <s3.key.prefix>YYYY/MM/DD/HH/<file> as "
            + "Kinesis Firehose writes it (the upstream landing). 'hive': <dataset>/<table>/dt=YYYY-MM-DD/<file> (the "
            + "lake table layout). 'custom': s3.key.template. <file> is {topic}+{partition}+{start_offset}.";
    public static final String PREFIX_CONFIG = "s3.key.prefix";
    private static final String PREFIX_DOC = "Key prefix of the 'firehose' layout, e.g. "
            + "crm/dashboard_interaction/latest/ (Firehose's S3 prefix); required with that layout.";
    public static final String TEMPLATE_CONFIG = "s3.key.template";
    private static final String TEMPLATE_DOC = "Key template of the 'custom' layout, without the file extension "
            + "(added from the format and compression). Placeholders: {topic} {partition} {start_offset} (zero-padded "
            + "to 20 digits) {yyyy} {MM} {dd} {HH} {mm} and {field:<name>} (a field of the record value, dotted paths "
            + "for nested objects). Must contain {topic}, {partition} and {start_offset}: they make keys unique and "
            + "replays idempotent. Example: events/{field:event_type}/{yyyy}/{MM}/{dd}/{topic}+{partition}+{start_offset}";
    public static final String HIVE_DATASET_CONFIG = "s3.key.hive.dataset";
    private static final String HIVE_DATASET_DOC = "Dataset (first key segment) of the 'hive' layout, e.g. "
            + "crm_derived_restricted; required with that layout.";
    public static final String HIVE_TABLE_CONFIG = "s3.key.hive.table";
    private static final String HIVE_TABLE_DOC = "Table (second key segment) of the 'hive' layout, e.g. "
            + "t200_dashboard_interaction; required with that layout.";
    public static final String TIME_SOURCE_CONFIG = "time.source";
    private static final String TIME_SOURCE_DOC = "Where the time of a record's key parts and of record-time "
            + "rotation comes from: 'record' (the Kafka record timestamp; the wall clock when absent), 'field' "
            + "(time.field of the value: epoch seconds, epoch milliseconds or ISO-8601) or 'wallclock' (arrival "
            + "time, as Firehose does).";
    public static final String TIME_FIELD_CONFIG = "time.field";
    private static final String TIME_FIELD_DOC = "Value field holding the time, with time.source=field, e.g. "
            + "TIMESTAMP for lake rows. Records without a readable time go to the dead-letter queue.";
    public static final String TIME_FIELD_UNIT_CONFIG = "time.field.unit";
    private static final String TIME_FIELD_UNIT_DOC = "Unit of a numeric time.field: 'seconds', 'milliseconds', or "
            + "'auto' (a magnitude of at least 1e11 is milliseconds, else seconds). Set 'seconds' for lake rows "
            + "(TIMESTAMP is epoch seconds): under 'auto' a year-5000 TIMESTAMP would be read as milliseconds in 1978.";
    public static final String TIME_ZONE_CONFIG = "time.zone";
    private static final String TIME_ZONE_DOC = "Time zone of the {yyyy} {MM} {dd} {HH} {mm} key parts, e.g. UTC or "
            + "Europe/Paris.";

    private LayoutFragment() {
    }

    public static ConfigDef define(ConfigDef def) {
        int order = 0;
        return def
                .define(LAYOUT_CONFIG, Type.STRING, "firehose",
                        ConfigDef.CaseInsensitiveValidString.in("firehose", "hive", "custom"), Importance.HIGH,
                        LAYOUT_DOC, GROUP, ++order, Width.SHORT, "Key layout")
                .define(PREFIX_CONFIG, Type.STRING, "", new KeyPrefixValidator(),
                        Importance.HIGH, PREFIX_DOC, GROUP, ++order, Width.LONG, "Key prefix (firehose)")
                .define(TEMPLATE_CONFIG, Type.STRING, "", Importance.MEDIUM, TEMPLATE_DOC, GROUP, ++order,
                        Width.LONG, "Key template (custom)")
                .define(HIVE_DATASET_CONFIG, Type.STRING, "", Importance.MEDIUM,
                        HIVE_DATASET_DOC, GROUP, ++order, Width.MEDIUM, "Dataset (hive)")
                .define(HIVE_TABLE_CONFIG, Type.STRING, "", Importance.MEDIUM,
                        HIVE_TABLE_DOC, GROUP, ++order, Width.MEDIUM, "Table (hive)")
                .define(TIME_SOURCE_CONFIG, Type.STRING, "record",
                        ConfigDef.CaseInsensitiveValidString.in("record", "field", "wallclock"), Importance.MEDIUM,
                        TIME_SOURCE_DOC, GROUP, ++order, Width.SHORT, "Time source")
                .define(TIME_FIELD_CONFIG, Type.STRING, "", Importance.MEDIUM, TIME_FIELD_DOC, GROUP, ++order,
                        Width.MEDIUM, "Time field")
                .define(TIME_FIELD_UNIT_CONFIG, Type.STRING, "auto",
                        ConfigDef.CaseInsensitiveValidString.in("auto", "seconds", "milliseconds"), Importance.LOW,
                        TIME_FIELD_UNIT_DOC, GROUP, ++order, Width.SHORT, "Time field unit")
                .define(TIME_ZONE_CONFIG, Type.STRING, "UTC", new ZoneValidator(), Importance.LOW, TIME_ZONE_DOC,
                        GROUP, ++order, Width.SHORT, "Time zone");
    }

    static final class ZoneValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            try {
                ZoneId.of(String.valueOf(value));
            } catch (DateTimeException e) {
                throw new ConfigException(name, value, "is not a time zone id (e.g. UTC, Europe/Paris)");
            }
        }

        @Override
        public String toString() {
            return "a time zone id";
        }
    }
}
