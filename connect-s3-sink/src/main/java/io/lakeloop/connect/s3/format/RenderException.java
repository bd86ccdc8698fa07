package io.lakeloop.connect.s3.format;

/**
 * A record that can never be written as configured (not JSON, a CSV column missing, no usable time, a key field
 * missing). It goes to the dead-letter queue with this message, which never quotes the record's content.
 */
public final class RenderException extends Exception {

    private static final long serialVersionUID = 1L;

    public RenderException(String message) {
        super(message, null, false, false);
    }
}
