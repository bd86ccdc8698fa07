package io.lakeloop.export.source;

import java.util.Objects;

/**
 * One object of the source: its key (an S3 key, or a path relative to the source folder with {@code /} separators)
 * and its size in bytes as listed.
 */
public record PartRef(String key, long size) {

    public PartRef {
        Objects.requireNonNull(key, "key");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
    }

    /**
     * True for what is not data: zero-byte objects, "directory" keys ending in {@code /}, Hadoop/Spark markers
     * ({@code _SUCCESS}, {@code *_$folder$}) and other names starting with {@code _} or {@code .} (checksums,
     * in-progress files, {@code .DS_Store}).
     */
    public boolean isMarker() {
        if (size == 0 || key.endsWith("/")) {
            return true;
        }
        String name = key.substring(key.lastIndexOf('/') + 1);
        return name.startsWith("_") || name.startsWith(".") || name.endsWith("_$folder$");
    }
}
