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
 * one atomic move: a reader sees the old file, no file, or the complete new one. The directory is synced after the
 * rename, so the new name survives a crash of the machine once {@link #commit()} has returned (a rename is an update
 * of the directory, which the file's own sync does not cover).
 */
public final class LocalFileSink implements ExportSink {

    /** How a directory is made durable; a seam for the test that checks it happens after the rename. */
    interface DirectorySync {
        void sync(Path dir) throws IOException;
    }

    static final DirectorySync FSYNC = LocalFileSink::fsyncDirectory;

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final DirectorySync directorySync;
    private long written;

    public LocalFileSink(Path target, byte[] header) throws IOException {
        this(target, header, FSYNC);
    }

    LocalFileSink(Path target, byte[] header, DirectorySync directorySync) throws IOException {
        this.directorySync = Objects.requireNonNull(directorySync, "directorySync");
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
        directorySync.sync(target.getParent());
        return List.of(target.toString());
    }

    /** fsync(2) of a directory: Java opens it for reading and forces it (Linux, macOS; Windows has no such call). */
    private static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            if (!System.getProperty("os.name", "").startsWith("Windows")) {
                throw new IOException("cannot sync the directory " + dir + " after publishing: " + e.getMessage(), e);
            }
        }
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
