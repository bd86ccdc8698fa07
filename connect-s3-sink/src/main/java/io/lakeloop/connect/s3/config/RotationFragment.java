package io.lakeloop.connect.s3.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** {@code rotate.*} and {@code memory.*}: when an object is complete, and how much memory open objects may hold. */
public final class RotationFragment {

    public static final String GROUP = "Rotation and memory";

    public static final String RECORDS_CONFIG = "rotate.records";
    private static final String RECORDS_DOC = "Complete an object after this many records. 0: no count limit.";
    public static final String BYTES_CONFIG = "rotate.bytes";
    private static final String BYTES_DOC = "Complete an object once this many bytes of rendered records (before "
            + "compression) are in it. 0: no size limit.";
    public static final String INTERVAL_CONFIG = "rotate.interval.ms";
    private static final String INTERVAL_DOC = "Record-time rotation: an object holds records of one aligned window "
            + "of this length (by time.source); a record outside the window completes the object. 0: off.";
    public static final String SCHEDULE_CONFIG = "rotate.schedule.interval.ms";
    private static final String SCHEDULE_DOC = "Wall-clock rotation (Firehose's buffer interval): an object is "
            + "completed at most this long after its first record, even when no further records arrive for its "
            + "partition. 0: off.";
    public static final String BUDGET_CONFIG = "memory.budget.bytes";
    private static final String BUDGET_DOC = "Memory all open objects of a task may hold together: buffered part "
            + "bytes plus an estimate of each open gzip stream's native state (256 KiB). When it is reached the "
            + "largest open objects are completed early, so memory stays bounded whatever the number of partitions.";

    private RotationFragment() {
    }

    public static ConfigDef define(ConfigDef def) {
        int order = 0;
        return def
                .define(RECORDS_CONFIG, Type.LONG, 1_000_000L, ConfigDef.Range.atLeast(0), Importance.HIGH,
                        RECORDS_DOC, GROUP, ++order, Width.SHORT, "Records per object")
                .define(BYTES_CONFIG, Type.LONG, 128L * 1024 * 1024, ConfigDef.Range.atLeast(0), Importance.HIGH,
                        BYTES_DOC, GROUP, ++order, Width.SHORT, "Bytes per object")
                .define(INTERVAL_CONFIG, Type.LONG, 0L, ConfigDef.Range.atLeast(0), Importance.MEDIUM, INTERVAL_DOC,
                        GROUP, ++order, Width.SHORT, "Record-time interval (ms)")
                .define(SCHEDULE_CONFIG, Type.LONG, 300_000L, ConfigDef.Range.atLeast(0), Importance.HIGH,
                        SCHEDULE_DOC, GROUP, ++order, Width.SHORT, "Wall-clock interval (ms)")
                .define(BUDGET_CONFIG, Type.LONG, 64L * 1024 * 1024, ConfigDef.Range.atLeast(1024L * 1024),
                        Importance.HIGH, BUDGET_DOC, GROUP, ++order, Width.SHORT, "Memory budget (bytes)");
    }
}
