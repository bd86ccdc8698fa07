package io.lakeloop.export.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Every object under an S3 prefix, listed with the paginator (so past the 1,000 keys of one
 * {@code ListObjectsV2} page — the seed's Glue job stopped there), and opened with {@code GetObject}.
 */
public final class S3PartSource implements PartSource {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    public S3PartSource(S3Client s3, String bucket, String prefix) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.prefix = prefix == null ? "" : prefix;
    }

    @Override
    public List<PartRef> list() throws IOException {
        List<PartRef> parts = new ArrayList<>();
        try {
            ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build();
            for (S3Object o : s3.listObjectsV2Paginator(request).contents()) {
                parts.add(new PartRef(o.key(), o.size() == null ? 0 : o.size()));
            }
        } catch (SdkException e) {
            throw new IOException("cannot list " + describe() + ": " + e.getMessage(), e);
        }
        parts.sort(Comparator.comparing(PartRef::key));
        return parts;
    }

    @Override
    public InputStream open(PartRef part) throws IOException {
        try {
            return new AbortOnEarlyClose(s3.getObject(b -> b.bucket(bucket).key(part.key())));
        } catch (SdkException e) {
            throw new IOException("cannot read " + nameOf(part) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream openRange(PartRef part, long offset, long length) throws IOException {
        if (length <= 0) {
            return InputStream.nullInputStream();
        }
        String range = "bytes=" + offset + "-" + (offset + length - 1);
        try {
            return new AbortOnEarlyClose(s3.getObject(b -> b.bucket(bucket).key(part.key()).range(range)));
        } catch (SdkException e) {
            throw new IOException("cannot read " + nameOf(part) + " (" + range + "): " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "s3://" + bucket + "/" + prefix;
    }

    @Override
    public String nameOf(PartRef part) {
        return "s3://" + bucket + "/" + part.key();
    }
}
