package io.lakeloop.distribution;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** A zip or jar as a user receives it: its entry names, and the bytes of its small entries. */
final class Archive {

    private static final long SMALL = 4L << 20;

    private final Path path;
    private final Map<String, byte[]> entries;

    private Archive(Path path, Map<String, byte[]> entries) {
        this.path = path;
        this.entries = entries;
    }

    static Archive read(Path path) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(path); ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                byte[] bytes = e.isDirectory() || e.getSize() > SMALL ? new byte[0] : zip.readAllBytes();
                entries.put(e.getName(), bytes);
            }
        }
        return new Archive(path, entries);
    }

    Path path() {
        return path;
    }

    Set<String> names() {
        return entries.keySet();
    }

    /** The entries under {@code folder} whose names end with {@code suffix}, in archive order. */
    List<String> files(String folder, String suffix) {
        return entries.keySet().stream().filter(n -> n.startsWith(folder) && n.endsWith(suffix)).toList();
    }

    /** A file entry, or a directory: an explicit entry or the prefix of one. */
    boolean contains(String name) {
        String dir = name.endsWith("/") ? name : name + "/";
        return entries.containsKey(name) || entries.keySet().stream().anyMatch(n -> n.startsWith(dir));
    }

    String text(String name) {
        byte[] bytes = entries.get(name);
        if (bytes == null) {
            throw new AssertionError(path.getFileName() + " has no entry " + name);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
