package io.lakeloop.connect.s3.storage;

import io.lakeloop.aws.AwsClients;
import io.lakeloop.aws.AwsSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/** {@link ObjectStore} on the AWS SDK's synchronous S3 client (URL-connection HTTP client, core's settings). */
public final class S3ObjectStore implements ObjectStore {

    private final S3Client s3;
    private final String bucket;
    private final String sse;
    private final String kmsKeyId;

    public S3ObjectStore(S3Client s3, String bucket, String sse, String kmsKeyId) {
        this.s3 = s3;
        this.bucket = bucket;
        this.sse = sse == null || sse.equals("none") ? null : sse;
        this.kmsKeyId = kmsKeyId;
    }

    /** A client for {@code settings}; path-style and relaxed checksums for S3-compatible stores behind an endpoint. */
    public static S3Client client(AwsSettings settings, boolean pathStyle) {
        S3ClientBuilder builder = AwsClients.configure(S3Client.builder(), settings).forcePathStyle(pathStyle);
        if (settings.endpoint() != null) {
            if (settings.region() == null) {
                builder.region(Region.US_EAST_1); // signing needs a region; S3-compatible stores ignore it
            }
            // many S3-compatible stores reject the SDK's default trailing checksums (aws-chunked)
            builder.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return builder.build();
    }

    @Override
    public String bucket() {
        return bucket;
    }

    @Override
    public void checkBucket() {
        call("HeadBucket", null, () -> s3.headBucket(b -> b.bucket(bucket)));
    }

    @Override
    public void put(String key, ByteChunks body, Map<String, String> metadata, String contentType) {
        PutObjectRequest.Builder req = PutObjectRequest.builder().bucket(bucket).key(key).metadata(metadata)
                .contentType(contentType).contentLength(body.size());
        if (sse != null) {
            req.serverSideEncryption(ServerSideEncryption.fromValue(sse));
            if (kmsKeyId != null) {
                req.ssekmsKeyId(kmsKeyId);
            }
        }
        call("PutObject", key, () -> s3.putObject(req.build(),
                RequestBody.fromContentProvider(body::newStream, body.size(), contentType)));
    }

    @Override
    public String createMultipart(String key, Map<String, String> metadata, String contentType) {
        CreateMultipartUploadRequest.Builder req = CreateMultipartUploadRequest.builder().bucket(bucket).key(key)
                .metadata(metadata).contentType(contentType);
        if (sse != null) {
            req.serverSideEncryption(ServerSideEncryption.fromValue(sse));
            if (kmsKeyId != null) {
                req.ssekmsKeyId(kmsKeyId);
            }
        }
        return call("CreateMultipartUpload", key, () -> s3.createMultipartUpload(req.build()).uploadId());
    }

    @Override
    public Part uploadPart(String key, String uploadId, int partNumber, ByteChunks body) {
        String etag = call("UploadPart", key, () -> s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                        .partNumber(partNumber).contentLength(body.size()),
                RequestBody.fromContentProvider(body::newStream, body.size(), "application/octet-stream")).eTag());
        return new Part(partNumber, etag);
    }

    @Override
    public void completeMultipart(String key, String uploadId, List<Part> parts) {
        List<CompletedPart> completed = new ArrayList<>(parts.size());
        for (Part p : parts) {
            completed.add(CompletedPart.builder().partNumber(p.number()).eTag(p.etag()).build());
        }
        try {
            call("CompleteMultipartUpload", key, () -> s3.completeMultipartUpload(r -> r.bucket(bucket).key(key)
                    .uploadId(uploadId).multipartUpload(m -> m.parts(completed))));
        } catch (StoreException e) {
            // a retried complete whose first attempt succeeded answers NoSuchUpload: the object is there
            if (e.getCause() instanceof NoSuchUploadException && head(key).isPresent()) {
                return;
            }
            throw e;
        }
    }

    @Override
    public void abortMultipart(String key, String uploadId) {
        try {
            call("AbortMultipartUpload", key, () -> s3.abortMultipartUpload(r -> r.bucket(bucket).key(key)
                    .uploadId(uploadId)));
        } catch (StoreException e) {
            if (!(e.getCause() instanceof NoSuchUploadException)) {
                throw e;
            }
        }
    }

    @Override
    public Optional<Map<String, String>> head(String key) {
        try {
            return Optional.of(s3.headObject(r -> r.bucket(bucket).key(key)).metadata());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404 && !isNoSuchBucket(e)) {
                return Optional.empty();
            }
            throw S3Errors.classify(bucket, key, "HeadObject", e);
        } catch (RuntimeException e) {
            throw S3Errors.classify(bucket, key, "HeadObject", e);
        }
    }

    @Override
    public Optional<byte[]> get(String key) {
        try {
            ResponseBytes<GetObjectResponse> bytes = s3.getObjectAsBytes(r -> r.bucket(bucket).key(key));
            return Optional.of(bytes.asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw S3Errors.classify(bucket, key, "GetObject", e);
        }
    }

    private static boolean isNoSuchBucket(S3Exception e) {
        return e.awsErrorDetails() != null && "NoSuchBucket".equals(e.awsErrorDetails().errorCode());
    }

    private <T> T call(String operation, String key, Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw S3Errors.classify(bucket, key, operation, e);
        }
    }

    @Override
    public void close() {
        s3.close();
    }
}
