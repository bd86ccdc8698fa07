package io.lakeloop.connect.s3.storage;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The object-store calls the sink makes, the test seam between the writer's logic and S3. Every method throws
 * {@link StoreException} on failure. Keys are relative to the one configured bucket.
 */
public interface ObjectStore extends AutoCloseable {

    /** A completed part of a multipart upload. */
    record Part(int number, String etag) {
    }

    /** Fails with a message naming the bucket when it is missing or not writable with these credentials. */
    void checkBucket();

    void put(String key, ByteChunks body, Map<String, String> metadata, String contentType);

    String createMultipart(String key, Map<String, String> metadata, String contentType);

    Part uploadPart(String key, String uploadId, int partNumber, ByteChunks body);

    void completeMultipart(String key, String uploadId, List<Part> parts);

    void abortMultipart(String key, String uploadId);

    /** The user metadata of an existing object, or empty when there is no such key. */
    Optional<Map<String, String>> head(String key);

    /** A small object's bytes (state), or empty when there is no such key. */
    Optional<byte[]> get(String key);

    String bucket();

    @Override
    void close();
}
