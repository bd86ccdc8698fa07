package io.lakeloop.export;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where parts are read from or the export is written to: an S3 bucket and key (or key prefix), or a local path.
 *
 * @param bucket the S3 bucket, or {@code null} for a local path
 * @param key    the S3 key or prefix (may be empty: the whole bucket), or {@code null} for a local path
 * @param path   the local path, or {@code null} for S3
 */
public record Location(String bucket, String key, Path path) {

    public Location {
        if ((bucket == null) == (path == null)) {
            throw new IllegalArgumentException("a location is either an S3 bucket and key or a local path");
        }
        if (bucket != null) {
            if (bucket.isBlank()) {
                throw new IllegalArgumentException("the S3 bucket is empty");
            }
            key = key == null ? "" : key;
        }
    }

    /** {@code s3://bucket/key}, or a local path (a {@code file:} URI is accepted too). */
    public static Location parse(String text) {
        Objects.requireNonNull(text, "location");
        String t = text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("the location is empty");
        }
        if (t.regionMatches(true, 0, "s3://", 0, 5) || t.regionMatches(true, 0, "s3a://", 0, 6)) {
            String rest = t.substring(t.indexOf("://") + 3);
            int slash = rest.indexOf('/');
            String bucket = slash < 0 ? rest : rest.substring(0, slash);
            String key = slash < 0 ? "" : rest.substring(slash + 1);
            if (bucket.isEmpty()) {
                throw new IllegalArgumentException("no bucket in '" + text + "' (expected s3://bucket/key)");
            }
            return s3(bucket, key);
        }
        if (t.regionMatches(true, 0, "file:", 0, 5)) {
            return local(Path.of(URI.create(t)));
        }
        return local(Path.of(t));
    }

    public static Location s3(String bucket, String key) {
        return new Location(bucket, key, null);
    }

    public static Location local(Path path) {
        return new Location(null, null, path.toAbsolutePath().normalize());
    }

    public boolean isS3() {
        return bucket != null;
    }

    /** The location {@code suffix} appended to the last name, e.g. {@code out.csv} → {@code out.csv.report.json}. */
    public Location withSuffix(String suffix) {
        if (isS3()) {
            String k = key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
            return s3(bucket, k + suffix);
        }
        return local(path.resolveSibling(path.getFileName() + suffix));
    }

    /** A child: {@code prefix/name} in S3, {@code path/name} locally. */
    public Location child(String name) {
        if (isS3()) {
            return s3(bucket, key.isEmpty() || key.endsWith("/") ? key + name : key + "/" + name);
        }
        return local(path.resolve(name));
    }

    @Override
    public String toString() {
        return isS3() ? "s3://" + bucket + "/" + key : path.toString();
    }
}
