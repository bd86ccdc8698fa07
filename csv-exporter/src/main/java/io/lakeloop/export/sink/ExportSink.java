package io.lakeloop.export.sink;

import java.io.IOException;
import java.util.List;

/**
 * Where the output CSV goes. Bytes arrive as whole rows; nothing is visible at the final name until
 * {@link #commit()} returns, and {@link #abort()} leaves nothing behind (no final object, no temp file, no pending
 * multipart upload). One thread writes.
 */
public interface ExportSink {

    /** Appends whole rows. */
    void write(byte[] b, int off, int len) throws IOException;

    /** Publishes atomically and returns the names of the files written. */
    List<String> commit() throws IOException;

    /** Discards everything written; never throws. */
    void abort();

    /** The largest write the sink can place within one file; the caller splits longer runs at row boundaries. */
    default int maxWrite() {
        return Integer.MAX_VALUE;
    }

    /** Bytes written so far, headers included. */
    long bytesWritten();
}
