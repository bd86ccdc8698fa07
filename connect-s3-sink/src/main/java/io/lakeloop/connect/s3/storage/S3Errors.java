package io.lakeloop.connect.s3.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** The one place S3 failures are classified: transient (retry by redelivery) or not (fail the task, say why). */
public final class S3Errors {

    private S3Errors() {
    }

    public static StoreException classify(String bucket, String key, String operation, RuntimeException e) {
        String where = operation + " s3://" + bucket + "/" + (key == null ? "" : key);
        if (e instanceof AwsServiceException service) {
            int status = service.statusCode();
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            if (status == 403 || "AccessDenied".equals(code) || "InvalidAccessKeyId".equals(code)
                    || "SignatureDoesNotMatch".equals(code)) {
                return new StoreException(where + " failed: access denied to bucket '" + bucket
                        + "' (" + code + "); check the credentials and the bucket policy", false, e);
            }
            if ("NoSuchBucket".equals(code)) {
                return new StoreException(where + " failed: bucket '" + bucket + "' does not exist", false, e);
            }
            boolean transientFailure = status >= 500 || status == 429 || service.isThrottlingException()
                    || "RequestTimeout".equals(code) || "SlowDown".equals(code);
            return new StoreException(where + " failed: HTTP " + status + " " + code, transientFailure, e);
        }
        if (e instanceof SdkClientException || e instanceof UncheckedIOException || e.getCause() instanceof IOException) {
            return new StoreException(where + " failed: " + e.getClass().getSimpleName() + ": " + e.getMessage(), true, e);
        }
        if (e instanceof SdkException) {
            return new StoreException(where + " failed: " + e.getMessage(), e instanceof SdkException s && s.retryable(), e);
        }
        return new StoreException(where + " failed: " + e, false, e);
    }
}
