package io.lakeloop.connect.s3.write;

/**
 * When an object is complete — whichever comes first: a different key (time part or field changed), a record outside
 * the object's aligned record-time window, the record count, the rendered bytes, or the wall-clock deadline after
 * the object's first record. Pure; 0 turns a limit off.
 */
public record RotationPolicy(long maxRecords, long maxBytes, long recordIntervalMs, long wallClockIntervalMs) {

    public RotationPolicy {
        if (maxRecords < 0 || maxBytes < 0 || recordIntervalMs < 0 || wallClockIntervalMs < 0) {
            throw new IllegalArgumentException("limits must not be negative");
        }
    }

    /** The aligned record-time window of {@code timeMs} (0 when record-time rotation is off). */
    public long window(long timeMs) {
        return recordIntervalMs == 0 ? 0 : Math.floorDiv(timeMs, recordIntervalMs);
    }

    /** Whether a record with this key and time must start a new object. */
    public boolean rotateBefore(OpenObject open, String renderedKey, long timeMs) {
        return !open.renderedKey().equals(renderedKey) || open.window() != window(timeMs);
    }

    /** Whether the object is full after its last record. */
    public boolean rotateAfter(OpenObject open) {
        return (maxRecords > 0 && open.records() >= maxRecords) || (maxBytes > 0 && open.inputBytes() >= maxBytes);
    }

    /** Wall-clock time at which {@code open} must be completed, or {@link Long#MAX_VALUE}. */
    public long deadline(OpenObject open) {
        return wallClockIntervalMs == 0 ? Long.MAX_VALUE : open.openedAtMs() + wallClockIntervalMs;
    }
}
