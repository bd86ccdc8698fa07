package io.lakeloop.connect.s3.lake;

import io.lakeloop.lake.LakeColumn;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * The Athena / Glue DDL of the lake table as the lake sink writes it ({@code s3.key.layout=hive}: objects under
 * {@code <location>dt=YYYY-MM-DD/}), with partition projection on {@code dt} so new days need no
 * {@code MSCK REPAIR} or crawler. One column list and one type per column, shared with the test that has DuckDB read
 * the same location with the same types ({@link #duckDbColumns()}).
 */
public final class LakeTableDdl {

    /** The layouts the lake sink writes: gzipped (or zstd) CSV with a header, or Parquet. */
    public enum Layout { CSV_GZIP, PARQUET }

    private LakeTableDdl() {
    }

    /** Each lake column's Athena (Hive) type, in schema order. */
    public static Map<LakeColumn, String> athenaTypes() {
        Map<LakeColumn, String> types = new LinkedHashMap<>();
        for (LakeColumn c : LakeColumn.ALL) {
            types.put(c, switch (c) {
                case TIMESTAMP -> "bigint";
                case EVENT_VALUE -> "double";
                default -> "string";
            });
        }
        return types;
    }

    /** The same columns as DuckDB types, for {@code read_csv(..., columns = {...})}. */
    public static Map<String, String> duckDbColumns() {
        Map<String, String> out = new LinkedHashMap<>();
        athenaTypes().forEach((c, t) -> out.put(c.name(), switch (t) {
            case "bigint" -> "BIGINT";
            case "double" -> "DOUBLE";
            default -> "VARCHAR";
        }));
        return out;
    }

    /**
     * {@code CREATE EXTERNAL TABLE} for the lake table at {@code location} ({@code s3://bucket/dataset/table/}).
     *
     * @param firstDay the first {@code dt} of the projection range, {@code YYYY-MM-DD}
     */
    public static String athena(String database, String table, String location, Layout layout, String firstDay) {
        Objects.requireNonNull(layout, "layout");
        if (!location.startsWith("s3://") || !location.endsWith("/")) {
            throw new IllegalArgumentException("location must be s3://bucket/prefix/ ending in '/'");
        }
        StringJoiner columns = new StringJoiner(",\n", "", "\n");
        athenaTypes().forEach((c, t) -> columns.add("  `" + c.name().toLowerCase(java.util.Locale.ROOT) + "` " + t));
        return "CREATE EXTERNAL TABLE IF NOT EXISTS `" + database + "`.`" + table + "` (\n"
                + columns
                + ")\n"
                + "PARTITIONED BY (`dt` string)\n"
                + (layout == Layout.PARQUET ? "STORED AS PARQUET\n"
                        // RFC 4180 quoting (commas, quotes in ids); OpenCSVSerde reads the declared bigint/double types
                        : "ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde'\n"
                        + "WITH SERDEPROPERTIES ('separatorChar' = ',', 'quoteChar' = '\"')\n"
                        + "STORED AS TEXTFILE\n")
                + "LOCATION '" + location + "'\n"
                + "TBLPROPERTIES (\n"
                + (layout == Layout.PARQUET ? "" : "  'skip.header.line.count' = '1',\n")
                + "  'projection.enabled' = 'true',\n"
                + "  'projection.dt.type' = 'date',\n"
                + "  'projection.dt.format' = 'yyyy-MM-dd',\n"
                + "  'projection.dt.range' = '" + firstDay + ",NOW',\n"
                + "  'projection.dt.interval' = '1',\n"
                + "  'projection.dt.interval.unit' = 'DAYS',\n"
                + "  'storage.location.template' = '" + location + "dt=${dt}/'\n"
                + ")";
    }
}
