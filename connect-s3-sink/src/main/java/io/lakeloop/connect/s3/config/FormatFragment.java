package io.lakeloop.connect.s3.config;

import io.lakeloop.lake.LakeColumn;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/** {@code format.*} and {@code compression.*}: what an object's bytes are. */
public final class FormatFragment {

    public static final String GROUP = "Format";

    public static final String FORMAT_CONFIG = "format";
    private static final String FORMAT_DOC = "'jsonl': one JSON value per line — a JSON string or bytes value is "
            + "written as it came (re-serialised on one line only if it spans lines), Connect data (maps, Structs) "
            + "is rendered as JSON. 'csv': RFC 4180 rows of format.csv.columns with a header row. 'raw': each value's "
            + "bytes exactly as produced (use the ByteArrayConverter), one per line — a value containing a line break "
            + "(or starting with 'base64:') is written as 'base64:' and its Base64 encoding; extension .raw. 'parquet': "
            + "one Parquet file per object with the lake columns of format.csv.columns (lake rules, as csv; needs the "
            + "lakeloop-connect-s3-sink-parquet plugin); compression applies to its pages.";
    public static final String CSV_COLUMNS_CONFIG = "format.csv.columns";
    private static final String CSV_COLUMNS_DOC = "CSV columns, in order, looked up case-insensitively in the record "
            + "value. When every column is a lake column the lake schema's rules apply (TIMESTAMP in epoch seconds, "
            + "EVENT_VALUE and SESSION_ID may be empty); a record lacking a required column goes to the dead-letter "
            + "queue.";
    public static final String CSV_HEADER_CONFIG = "format.csv.header";
    private static final String CSV_HEADER_DOC = "Write the column names as the first row of every CSV object.";
    public static final String NULL_VALUES_CONFIG = "behavior.on.null.values";
    private static final String NULL_VALUES_DOC = "What a record with a null value (a tombstone) does: 'dlq' goes to "
            + "the dead-letter queue (errors.tolerance=all and a DLQ topic; without them the task fails, as for any "
            + "record that cannot be written), 'ignore' skips it (counted in NullValuesIgnored), 'fail' fails the task.";
    public static final String STORE_KEYS_CONFIG = "store.kafka.keys";
    private static final String STORE_KEYS_DOC = "Store each record's key beside its value: format=jsonl writes "
            + "{\"key\":…,\"value\":<value>} per line, format=csv adds a _key column. Strings as they are, bytes as "
            + "text when UTF-8, else 'base64:' and their Base64. Not with format=raw (values only).";
    public static final String STORE_HEADERS_CONFIG = "store.kafka.headers";
    private static final String STORE_HEADERS_DOC = "Store each record's headers beside its value, as a JSON array "
            + "of {\"name\",\"value\"} (\"headers\" in a JSON line, a _headers column in CSV); values as for "
            + "store.kafka.keys. Not with format=raw.";
    public static final String PARQUET_ROW_GROUP_CONFIG = "format.parquet.row.group.bytes";
    private static final String PARQUET_ROW_GROUP_DOC = "Upper bound of a Parquet row group held in memory before it "
            + "is flushed into the object's upload parts; each open Parquet object is charged this much (plus 1 MiB) "
            + "to memory.budget.bytes.";
    public static final String COMPRESSION_CONFIG = "compression";
    private static final String COMPRESSION_DOC = "'gzip' (adds .gz), 'zstd' (adds .zst; Zstandard level 3, "
            + "smaller and faster to read than gzip, read by Athena, DuckDB, Spark and the exporter) or 'none'. "
            + "Objects stream through the compressor into the upload parts. With format=parquet it is the page codec "
            + "(gzip, zstd, snappy or none) and the extension stays .parquet; 'snappy' is for Parquet only.";
    public static final String COMPRESSION_LEVEL_CONFIG = "compression.level";
    private static final String COMPRESSION_LEVEL_DOC = "gzip level, 1 (fastest) to 9 (smallest); zstd uses its "
            + "default level 3.";

    private FormatFragment() {
    }

    public static ConfigDef define(ConfigDef def) {
        int order = 0;
        String lakeColumns = LakeColumn.ALL.stream().map(Enum::name).collect(Collectors.joining(","));
        return def
                .define(FORMAT_CONFIG, Type.STRING, "jsonl", ConfigDef.CaseInsensitiveValidString.in("jsonl", "csv", "raw", "parquet"),
                        Importance.HIGH, FORMAT_DOC, GROUP, ++order, Width.SHORT, "Format")
                .define(CSV_COLUMNS_CONFIG, Type.LIST, lakeColumns, new ColumnsValidator(), Importance.MEDIUM,
                        CSV_COLUMNS_DOC, GROUP, ++order, Width.LONG, "CSV columns")
                .define(CSV_HEADER_CONFIG, Type.BOOLEAN, true, Importance.LOW, CSV_HEADER_DOC, GROUP, ++order,
                        Width.SHORT, "CSV header")
                .define(NULL_VALUES_CONFIG, Type.STRING, "dlq",
                        ConfigDef.CaseInsensitiveValidString.in("dlq", "ignore", "fail"), Importance.MEDIUM,
                        NULL_VALUES_DOC, GROUP, ++order, Width.SHORT, "On null values")
                .define(STORE_KEYS_CONFIG, Type.BOOLEAN, false, Importance.LOW, STORE_KEYS_DOC, GROUP, ++order,
                        Width.SHORT, "Store keys")
                .define(STORE_HEADERS_CONFIG, Type.BOOLEAN, false, Importance.LOW, STORE_HEADERS_DOC, GROUP, ++order,
                        Width.SHORT, "Store headers")
                .define(PARQUET_ROW_GROUP_CONFIG, Type.LONG, 8L * 1024 * 1024,
                        ConfigDef.Range.between(1024L * 1024, 1024L * 1024 * 1024), Importance.LOW,
                        PARQUET_ROW_GROUP_DOC, GROUP, ++order, Width.SHORT, "Parquet row group (bytes)")
                .define(COMPRESSION_CONFIG, Type.STRING, "gzip", ConfigDef.CaseInsensitiveValidString.in("gzip", "zstd", "snappy", "none"),
                        Importance.HIGH, COMPRESSION_DOC, GROUP, ++order, Width.SHORT, "Compression")
                .define(COMPRESSION_LEVEL_CONFIG, Type.INT, 6, ConfigDef.Range.between(1, 9), Importance.LOW,
                        COMPRESSION_LEVEL_DOC, GROUP, ++order, Width.SHORT, "gzip level");
    }

    static final class ColumnsValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            List<?> list = (List<?>) value;
            if (list == null || list.isEmpty()) {
                throw new ConfigException(name, value, "needs at least one column");
            }
            for (Object o : list) {
                if (o == null || o.toString().isBlank()) {
                    throw new ConfigException(name, value, "has an empty column name");
                }
            }
            if (list.stream().map(o -> o.toString().trim().toLowerCase(java.util.Locale.ROOT)).distinct().count()
                    != list.size()) {
                throw new ConfigException(name, value, "names a column twice");
            }
        }

        @Override
        public String toString() {
            return "a non-empty list of distinct column names";
        }
    }
}
