package io.lakeloop.export.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Where the parts of a lake table come from. {@link #list()} returns every object under the source, in a
 * deterministic order (keys sorted), markers and empty objects included (the caller skips them with
 * {@link PartRef#isMarker()} and counts them); {@link #open} streams one object's bytes. Implementations are
 * thread-safe: parts are opened from several threads at once.
 */
public interface PartSource extends AutoCloseable {

    /** Every object under the source, sorted by key. */
    List<PartRef> list() throws IOException;

    /** The bytes of one part, as stored (possibly gzipped). The caller closes the stream. */
    InputStream open(PartRef part) throws IOException;

    /**
     * The bytes {@code [offset, offset + length)} of one part (a ranged {@code GetObject} on S3): how a Parquet part's
     * footer and column chunks are read without the rest of it. The caller closes the stream.
     */
    InputStream openRange(PartRef part, long offset, long length) throws IOException;

    /** For messages: {@code s3://bucket/prefix} or the folder. */
    String describe();

    /** The full name of a part for messages and the report: {@code s3://bucket/key} or the file's path. */
    String nameOf(PartRef part);

    @Override
    default void close() {
    }
}
