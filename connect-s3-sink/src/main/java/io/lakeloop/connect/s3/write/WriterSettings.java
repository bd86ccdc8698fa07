package io.lakeloop.connect.s3.write;

import java.util.Objects;

/**
 * What every partition writer of a task shares.
 *
 * @param extension   file extension including compression, e.g. {@code .csv.gz}
 * @param contentType the objects' Content-Type
 * @param header      bytes at the start of every object (a CSV header), possibly empty
 * @param gzipLevel   1-9, or 0 for no compression
 * @param partSize    multipart part size in bytes (at least 5 MiB)
 * @param policy      when objects are complete
 * @param statePrefix key prefix of the state objects
 * @param connector   the connector's name, part of the state keys
 * @param generation  the replay generation ({@code replay.generation})
 * @param zstd        Zstandard compression (then {@code gzipLevel} is 0)
 * @param encoder     what makes an object's bytes from its records (Parquet), or {@code null} for a byte stream
 */
public record WriterSettings(String extension, String contentType, byte[] header, int gzipLevel, int partSize,
                             RotationPolicy policy, String statePrefix, String connector, int generation,
                             boolean zstd, ObjectEncoder encoder) {

    /** Settings of a byte-stream format. */
    public WriterSettings(String extension, String contentType, byte[] header, int gzipLevel, int partSize,
                          RotationPolicy policy, String statePrefix, String connector, int generation, boolean zstd) {
        this(extension, contentType, header, gzipLevel, partSize, policy, statePrefix, connector, generation, zstd,
                null);
    }

    /** Settings of replay generation 0. */
    public WriterSettings(String extension, String contentType, byte[] header, int gzipLevel, int partSize,
                          RotationPolicy policy, String statePrefix, String connector) {
        this(extension, contentType, header, gzipLevel, partSize, policy, statePrefix, connector, 0, false);
    }

    public WriterSettings {
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(contentType, "contentType");
        header = header.clone();
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(statePrefix, "statePrefix");
        Objects.requireNonNull(connector, "connector");
        if (generation < 0) {
            throw new IllegalArgumentException("generation must be >= 0");
        }
        if ((zstd || encoder != null) && gzipLevel > 0 || zstd && encoder != null) {
            throw new IllegalArgumentException("one compression: gzip or zstd");
        }
        if (gzipLevel < 0 || gzipLevel > 9) {
            throw new IllegalArgumentException("gzipLevel must be 0-9");
        }
    }

    @Override
    public byte[] header() {
        return header.clone();
    }
}
