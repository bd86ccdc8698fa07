package io.lakeloop.export.sink;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Several CSVs of at most {@code maxFileBytes} each ({@code part-00000.csv}, ...), each with the header, each
 * published atomically by its own sink as soon as it is full; a file never splits a row. Personalize imports such a
 * folder as one dataset. On abort the files already published are deleted again (best effort).
 */
public final class FolderSink implements ExportSink {

    /** Makes the sink of one file of the folder. */
    @FunctionalInterface
    public interface FileSinks {
        ExportSink open(String fileName) throws IOException;
    }

    /** Deletes a published file again. */
    @FunctionalInterface
    public interface Deleter {
        void delete(String name) throws IOException;
    }

    private final FileSinks files;
    private final Deleter deleter;
    private final long maxFileBytes;
    private final int headerLength;
    private final List<String> published = new ArrayList<>();
    private ExportSink current;
    private long written;

    public FolderSink(FileSinks files, Deleter deleter, long maxFileBytes, int headerLength) {
        this.files = Objects.requireNonNull(files, "files");
        this.deleter = Objects.requireNonNull(deleter, "deleter");
        if (maxFileBytes <= headerLength) {
            throw new IllegalArgumentException("the file size limit must exceed the header");
        }
        this.maxFileBytes = maxFileBytes;
        this.headerLength = headerLength;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (current != null && current.bytesWritten() > headerLength
                && current.bytesWritten() + len > maxFileBytes) {
            published.addAll(current.commit());
            written += current.bytesWritten();
            current = null;
        }
        if (current == null) {
            current = files.open(String.format("part-%05d.csv", published.size()));
        }
        current.write(b, off, len);
    }

    @Override
    public List<String> commit() throws IOException {
        if (current == null) {
            current = files.open(String.format("part-%05d.csv", published.size()));
        }
        published.addAll(current.commit());
        written += current.bytesWritten();
        current = null;
        return List.copyOf(published);
    }

    @Override
    public void abort() {
        if (current != null) {
            current.abort();
        }
        for (String name : published) {
            try {
                deleter.delete(name);
            } catch (IOException | RuntimeException ignored) {
                // best effort: the export already failed with its own error
            }
        }
    }

    @Override
    public int maxWrite() {
        return (int) Math.min(Integer.MAX_VALUE, maxFileBytes - headerLength);
    }

    @Override
    public long bytesWritten() {
        return written + (current == null ? 0 : current.bytesWritten());
    }
}
