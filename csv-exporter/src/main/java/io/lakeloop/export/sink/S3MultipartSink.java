package io.lakeloop.export.sink;

import io.lakeloop.export.Background;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * An S3 object written as a multipart upload while the rows stream in: parts of {@code partSize} bytes are
 * uploaded by {@code uploaders} threads from a fixed set of {@code uploaders + 1} buffers (so the heap holds at
 * most that many parts, whatever the output size). The object appears at its key only when
 * {@code CompleteMultipartUpload} succeeds — S3 publishes it atomically then; on failure the upload is aborted,
 * so neither the final key nor a dangling upload (which would be billed) is left.
 */
public final class S3MultipartSink implements ExportSink {

    /** S3's minimum part size (except for the last part). */
    public static final int MIN_PART_SIZE = 5 * 1024 * 1024;
    public static final int DEFAULT_PART_SIZE = 8 * 1024 * 1024;
    /** S3's maximum number of parts of one upload. */
    static final int MAX_PARTS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(S3MultipartSink.class);

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final String uploadId;
    private final ExecutorService uploaders;
    private final BlockingQueue<byte[]> freeBuffers;
    private final List<Future<CompletedPart>> parts = new ArrayList<>();
    private byte[] buffer;
    private int filled;
    private long written;
    private boolean done;

    public S3MultipartSink(S3Client s3, String bucket, String key, byte[] header, int partSize, int uploaderThreads)
            throws IOException {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.key = Objects.requireNonNull(key, "key");
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("the part size must be at least " + MIN_PART_SIZE + " bytes");
        }
        if (key.isEmpty() || key.endsWith("/")) {
            throw new IllegalArgumentException("s3://" + bucket + "/" + key + " is not an object key");
        }
        int threads = Math.max(1, uploaderThreads);
        this.freeBuffers = new ArrayBlockingQueue<>(threads + 1);
        for (int i = 0; i < threads + 1; i++) {
            freeBuffers.add(new byte[partSize]);
        }
        this.uploaders = Executors.newFixedThreadPool(threads, Background.daemons("csv-exporter-upload"));
        try {
            this.uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType("text/csv")).uploadId();
        } catch (SdkException e) {
            uploaders.shutdownNow();
            throw new IOException("cannot start the upload to " + name() + ": " + e.getMessage(), e);
        }
        this.buffer = freeBuffers.poll();
        write(header, 0, header.length);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = Math.min(len, buffer.length - filled);
            System.arraycopy(b, off, buffer, filled, n);
            filled += n;
            off += n;
            len -= n;
            written += n;
            if (filled == buffer.length) {
                flush();
            }
        }
    }

    private void flush() throws IOException {
        if (parts.size() >= MAX_PARTS) {
            throw new IOException(name() + ": more than " + MAX_PARTS + " parts; raise the part size");
        }
        byte[] full = buffer;
        int length = filled;
        int partNumber = parts.size() + 1;
        parts.add(uploaders.submit(() -> upload(full, length, partNumber)));
        failFast();
        try {
            buffer = freeBuffers.take(); // backpressure: waits while every buffer is being uploaded
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while uploading " + name(), e);
        }
        filled = 0;
    }

    private CompletedPart upload(byte[] data, int length, int partNumber) {
        try {
            String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber)
                            .contentLength((long) length),
                    RequestBody.fromContentProvider(() -> new ByteArrayInputStream(data, 0, length), length,
                            "application/octet-stream")).eTag();
            return CompletedPart.builder().partNumber(partNumber).eTag(etag).build();
        } finally {
            freeBuffers.add(data);
        }
    }

    /** Surfaces a failed part upload at the next write instead of at the end. */
    private void failFast() throws IOException {
        for (Future<CompletedPart> f : parts) {
            if (f.isDone()) {
                get(f);
            }
        }
    }

    private CompletedPart get(Future<CompletedPart> f) throws IOException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw new IOException("uploading a part of " + name() + " failed: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while uploading " + name(), e);
        }
    }

    @Override
    public List<String> commit() throws IOException {
        if (filled > 0 || parts.isEmpty()) {
            flush();
        }
        List<CompletedPart> completed = new ArrayList<>(parts.size());
        for (Future<CompletedPart> f : parts) {
            completed.add(get(f));
        }
        completed.sort(Comparator.comparing(CompletedPart::partNumber));
        try {
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(completed)));
        } catch (SdkException e) {
            // the response may have been lost after S3 completed the upload (a retry then answers NoSuchUpload):
            // the object is ours when it has exactly our bytes' length and our parts' multipart ETag
            if (!isPublished(completed)) {
                throw new IOException("cannot complete the upload to " + name() + ": " + e.getMessage(), e);
            }
            LOG.warn("Completing the upload of {} failed ({}), but the object is there with this upload's ETag",
                    name(), e.getMessage());
        }
        done = true;
        uploaders.shutdown();
        return List.of(name());
    }

    private boolean isPublished(List<CompletedPart> completed) {
        HeadObjectResponse head;
        try {
            head = s3.headObject(b -> b.bucket(bucket).key(key));
        } catch (SdkException e) {
            return false; // not there (404), or not knowable: the export fails and says so
        }
        return head.contentLength() != null && head.contentLength() == written
                && MultipartEtag.of(completed).equalsIgnoreCase(MultipartEtag.strip(head.eTag()));
    }

    @Override
    public void abort() {
        if (done) {
            return;
        }
        done = true;
        for (Future<CompletedPart> f : parts) {
            try {
                f.get(); // a part still in flight would otherwise land after the abort
            } catch (ExecutionException | RuntimeException ignored) {
                // the export already failed; the abort below is what matters
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        uploaders.shutdownNow();
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        } catch (SdkException e) {
            LOG.warn("Could not abort the multipart upload {} of {}: {}; abort it or set a lifecycle rule",
                    uploadId, name(), e.getMessage());
        }
    }

    @Override
    public long bytesWritten() {
        return written;
    }

    private String name() {
        return "s3://" + bucket + "/" + key;
    }
}
