package io.lakeloop.export.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/** Parts in a local folder and its sub-folders (or a single file), keyed by their path relative to the folder. */
public final class LocalPartSource implements PartSource {

    private final Path root;

    public LocalPartSource(Path root) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    }

    @Override
    public List<PartRef> list() throws IOException {
        if (Files.isRegularFile(root)) {
            return List.of(new PartRef(root.getFileName().toString(), Files.size(root)));
        }
        if (!Files.isDirectory(root)) {
            throw new NoSuchFileException(root.toString(), null, "the source folder does not exist");
        }
        List<PartRef> parts = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                if (a.isRegularFile()) {
                    parts.add(new PartRef(key(p), a.size()));
                }
            }
        }
        parts.sort(Comparator.comparing(PartRef::key));
        return parts;
    }

    private String key(Path p) {
        return root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
    }

    private Path resolve(PartRef part) {
        return Files.isRegularFile(root) ? root : root.resolve(part.key());
    }

    @Override
    public InputStream open(PartRef part) throws IOException {
        return Files.newInputStream(resolve(part));
    }

    @Override
    public InputStream openRange(PartRef part, long offset, long length) throws IOException {
        FileChannel ch = FileChannel.open(resolve(part), StandardOpenOption.READ);
        try {
            ch.position(offset);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        return new BoundedStream(Channels.newInputStream(ch), length);
    }

    @Override
    public String describe() {
        return root.toString();
    }

    @Override
    public String nameOf(PartRef part) {
        return resolve(part).toString();
    }
}
