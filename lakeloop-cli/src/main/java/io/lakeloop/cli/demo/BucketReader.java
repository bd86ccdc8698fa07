package io.lakeloop.cli.demo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Reads the objects under a prefix through the S3 API, as any lake reader would: gzip is recognised by its magic
 * bytes, and an object is downloaded again only when its ETag changed.
 */
public final class BucketReader {

    private final S3Client s3;
    private final Map<String, Cached> cache = new HashMap<>();

    private record Cached(String etag, String text) {
    }

    public BucketReader(S3Client s3) {
        this.s3 = Objects.requireNonNull(s3, "s3");
    }

    /** Key → text of every object under {@code prefix} (decompressed). */
    public Map<String, String> objects(String bucket, String prefix) {
        Map<String, String> texts = new HashMap<>();
        List<S3Object> listed = s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()
                .stream().toList();
        for (S3Object object : listed) {
            String id = bucket + "/" + object.key();
            Cached cached = cache.get(id);
            if (cached == null || !cached.etag().equals(object.eTag())) {
                String text = read(bucket, object.key());
                if (text == null) {
                    continue;
                }
                cached = new Cached(object.eTag(), text);
                cache.put(id, cached);
            }
            texts.put(object.key(), cached.text());
        }
        return texts;
    }

    /** Key → ETag of every object under {@code prefix}. */
    public Map<String, String> list(String bucket, String prefix) {
        Map<String, String> etags = new HashMap<>();
        s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()
                .forEach(object -> etags.put(object.key(), object.eTag()));
        return etags;
    }

    /** The text of one object, or null when it does not exist. */
    public String read(String bucket, String key) {
        try {
            byte[] bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
            return decode(bytes);
        } catch (NoSuchKeyException e) {
            return null;
        }
    }

    static String decode(byte[] bytes) {
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("A gzip object does not decompress", e);
            }
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
