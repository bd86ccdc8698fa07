package io.lakeloop.export;

/** The export failed; the message says why and names the object or setting at fault. Nothing was published. */
public final class ExportException extends Exception {

    public ExportException(String message) {
        super(message);
    }

    public ExportException(String message, Throwable cause) {
        super(message, cause);
    }
}
