package io.lakeloop.connect.s3.storage;

/**
 * A failed object-store call, classified once ({@link S3Errors}): {@link #transientFailure()} ones (5xx, throttling,
 * I/O, timeouts) are retried by redelivery; the others (access denied, missing bucket, bad request) fail the task
 * with the bucket and key in the message.
 */
public final class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final boolean transientFailure;

    public StoreException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    public boolean transientFailure() {
        return transientFailure;
    }
}
