package io.lakeloop.export.sink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;

/**
 * A local file written as a hidden temporary file in the same directory, synced, then renamed over the target in
 * one atomic move: a reader sees the old file, no file, or the complete new one.
 */
public final class LocalFileSink implements ExportSink {

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private long written;

    public LocalFileSink(Path target, byte[] header) throws IOException {
        this.target = Objects.requireNonNull(target, "target").toAbsolutePath();
        Path dir = this.target.getParent();
        Files.createDirectories(dir);
        // not Files.createTempFile: its 0600 would become the published file's mode; this one follows the umask
        this.temp = dir.resolve("." + this.target.getFileName() + "." + java.util.UUID.randomUUID() + ".tmp");
        this.channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);
        write(header, 0, header.length);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(b, off, len);
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
        written += len;
    }

    @Override
    public List<String> commit() throws IOException {
        channel.force(true);
        channel.close();
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.deleteIfExists(temp);
            throw new IOException("the file system of " + target + " cannot rename atomically", e);
        }
        return List.of(target.toString());
    }

    @Override
    public void abort() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // deleting it is what matters
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // nothing more to do: the temp file is hidden and never the final name
        }
    }

    @Override
    public long bytesWritten() {
        return written;
    }
}
