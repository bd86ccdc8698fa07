package io.lakeloop.export.source;

import java.io.FilterInputStream;
import java.io.IOException;
import software.amazon.awssdk.core.ResponseInputStream;

/**
 * An S3 object body that, closed before its end, aborts the HTTP response instead of letting the client drain the
 * rest of it: a part dropped early (a Parquet part sniffed by its first bytes, a failed export) costs nothing more.
 */
final class AbortOnEarlyClose extends FilterInputStream {

    private final ResponseInputStream<?> response;
    private boolean ended;

    AbortOnEarlyClose(ResponseInputStream<?> response) {
        super(response);
        this.response = response;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        ended |= b < 0;
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        ended |= n < 0;
        return n;
    }

    @Override
    public void close() throws IOException {
        if (!ended) {
            response.abort();
        }
        in.close();
    }
}
