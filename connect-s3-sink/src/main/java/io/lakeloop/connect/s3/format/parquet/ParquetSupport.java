package io.lakeloop.connect.s3.format.parquet;

import io.lakeloop.connect.s3.config.S3SinkConfig;
import io.lakeloop.connect.s3.format.RecordFormat;
import io.lakeloop.lake.LakeColumn;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place the rest of the connector reaches Parquet through, so that the plugin without Parquet's jars
 * ({@code lakeloop-connect-s3-sink}) never loads a Parquet class unless {@code format=parquet} is configured, and then
 * says which plugin to install instead ({@code lakeloop-connect-s3-sink-parquet}).
 */
public final class ParquetSupport {

    public static final String PLUGIN = "lakeloop-connect-s3-sink-parquet";

    private ParquetSupport() {
    }

    /** Whether Parquet's classes are in this plugin. */
    public static boolean available() {
        try {
            Class.forName("org.apache.parquet.hadoop.ParquetWriter", false, ParquetSupport.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    public static RecordFormat format(S3SinkConfig config) {
        List<LakeColumn> columns = new ArrayList<>();
        for (String c : config.csvColumns()) {
            columns.add(LakeColumn.byName(c).orElseThrow(() -> new IllegalArgumentException("not a lake column: " + c)));
        }
        return new ParquetFormat(columns, config.compressionName(), config.parquetRowGroupBytes());
    }
}
