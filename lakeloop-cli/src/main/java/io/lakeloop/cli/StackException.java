package io.lakeloop.cli;

/** A problem of the local stack the user can act on; the message says what and how (printed without a stack trace). */
public final class StackException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StackException(String message) {
        super(message);
    }

    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
