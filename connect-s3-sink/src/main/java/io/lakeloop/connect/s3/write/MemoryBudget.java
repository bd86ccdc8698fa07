package io.lakeloop.connect.s3.write;

/**
 * The bytes all open objects of one task hold: part buffers (counted per chunk allocated) and each open gzip
 * stream's native state. Owned by the task thread, so not synchronised; read by metrics as a plain long.
 */
public final class MemoryBudget {

    private final long limit;
    private volatile long used;

    public MemoryBudget(long limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive");
        }
        this.limit = limit;
    }

    public void reserve(long bytes) {
        used += bytes;
    }

    public void release(long bytes) {
        long next = used - bytes;
        if (next < 0) {
            throw new IllegalStateException("released more than reserved: " + used + " - " + bytes);
        }
        used = next;
    }

    public long used() {
        return used;
    }

    public long limit() {
        return limit;
    }

    public boolean overLimit() {
        return used > limit;
    }
}
