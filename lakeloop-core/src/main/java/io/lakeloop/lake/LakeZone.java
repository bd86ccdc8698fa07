package io.lakeloop.lake;

import java.util.Locale;

/** The three zones of the customer-360 lake, each a bucket. */
public enum LakeZone {
    /** Raw source data as it arrived (Firehose's destination in the seed; the S3 sink's upstream landing here). */
    UPSTREAM,
    /** Processed tables, partitioned by date ({@code <dataset>/<table>/dt=YYYY-MM-DD/}). */
    LAKE,
    /** Ready to consume, e.g. the Personalize import file. */
    DOWNSTREAM;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LakeZone of(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
