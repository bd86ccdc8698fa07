package io.lakeloop.connect.s3.write;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Turns the rendered records of one object into its bytes when that is more than compressing a stream (Parquet):
 * {@link #open} wraps the object's buffer; each record arrives as one {@code write} of its rendered bytes; closing
 * the stream finishes the object (a Parquet footer).
 */
public interface ObjectEncoder {

    OutputStream open(OutputStream target) throws IOException;

    /** Memory an open object holds inside the encoder, beyond the bytes it already wrote (charged to the budget). */
    long memoryBytes();
}
