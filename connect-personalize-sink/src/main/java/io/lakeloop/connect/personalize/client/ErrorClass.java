package io.lakeloop.connect.personalize.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.personalizeevents.model.InvalidInputException;
import software.amazon.awssdk.services.personalizeevents.model.ResourceInUseException;
import software.amazon.awssdk.services.personalizeevents.model.ResourceNotFoundException;

/**
 * What a failed call means, decided by exception type, status code and error code (the SDK's {@code retryable()} is
 * false for every one of them). The one place errors are classified.
 *
 * <p>Only the model's {@code InvalidInputException} says that records of the call are bad. Every other 4xx is about
 * the request itself (AWS answers AccessDenied, RequestExpired, ValidationError, MalformedHttpRequest and others with
 * HTTP 400 too): its records are good, so they are retried or the task fails, and none is ever dead-lettered.
 */
public enum ErrorClass {
    /** 429 or a throttling error code: retried with backoff. */
    THROTTLED(true),
    /** 5xx: retried with backoff. */
    SERVER_ERROR(true),
    /** No answer (connection refused or reset, timeout, 408, an aborted request): retried with backoff. */
    IO_ERROR(true),
    /** 409 ResourceInUse (the tracker or dataset is being updated): retried with backoff. */
    RESOURCE_BUSY(true),
    /**
     * Signed too far from the service's clock (RequestExpired, RequestTimeTooSkewed, RequestInTheFuture, or
     * InvalidSignatureException "Signature expired" / "Signature not yet current"): retried with backoff. The SDK
     * learns the service's time from the rejection's {@code Date} header and signs the next attempt with it; a skew
     * that does not go away fails the task at {@code retry.deadline.ms}.
     */
    CLOCK_SKEW(true),
    /**
     * Credentials could not be loaded or refreshed (STS or the container credentials endpoint throttled or
     * unavailable, an expired token): retried with backoff; the provider tries again on the next call.
     */
    CREDENTIALS(true),
    /** 400 InvalidInputException (or 413): some record of the call is bad; the batch is bisected to find it. */
    INVALID_INPUT(false),
    /**
     * The service refused the request itself (AccessDenied, ValidationError, MalformedHttpRequest, a bad signature,
     * credentials refused by STS, any other or unknown 4xx): the task fails, the records stay uncommitted.
     */
    REQUEST_REFUSED(false),
    /** A missing resource (404 unknown tracker or dataset) or a bug: the task fails. */
    FATAL(false);

    private static final Set<String> CLOCK_SKEW_CODES = Set.of("RequestExpired", "RequestTimeTooSkewed",
            "RequestInTheFuture");
    private static final Set<String> EXPIRED_TOKEN_CODES = Set.of("ExpiredTokenException", "ExpiredToken");
    private static final Set<String> ABORTED_CODES = Set.of("RequestTimeoutException", "RequestTimeout",
            "RequestAbortedException");

    private final boolean retried;

    ErrorClass(boolean retried) {
        this.retried = retried;
    }

    public boolean retried() {
        return retried;
    }

    public static ErrorClass of(Throwable e) {
        if (e instanceof CredentialsUnavailableException c) {
            return c.refused() ? REQUEST_REFUSED : CREDENTIALS;
        }
        if (e instanceof InvalidInputException) {
            return INVALID_INPUT;
        }
        if (e instanceof ResourceInUseException) {
            return RESOURCE_BUSY;
        }
        if (e instanceof ResourceNotFoundException) {
            return FATAL;
        }
        if (e instanceof AwsServiceException ase) {
            return ofService(ase);
        }
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return IO_ERROR;
        }
        if (e instanceof SdkClientException || e instanceof UncheckedIOException) {
            return hasIoCause(e) ? IO_ERROR : FATAL;
        }
        return FATAL;
    }

    private static ErrorClass ofService(AwsServiceException ase) {
        int status = ase.statusCode();
        String code = errorCode(ase);
        if (status == 429 || ase.isThrottlingException()) {
            return THROTTLED;
        }
        if (status >= 500) {
            return SERVER_ERROR;
        }
        if (status == 408 || ABORTED_CODES.contains(code)) {
            return IO_ERROR;
        }
        if (CLOCK_SKEW_CODES.contains(code) || isExpiredSignature(code, ase)) {
            return CLOCK_SKEW;
        }
        if (EXPIRED_TOKEN_CODES.contains(code)) {
            return CREDENTIALS;
        }
        if (status == 413) {
            return INVALID_INPUT; // the call's size: halving it finds the record too large to send alone
        }
        return status == 404 ? FATAL : REQUEST_REFUSED;
    }

    /** InvalidSignatureException is a clock-skew answer only when the front end says the time is off. */
    private static boolean isExpiredSignature(String code, AwsServiceException ase) {
        if (!"InvalidSignatureException".equals(code) && !"SignatureDoesNotMatch".equals(code)) {
            return false;
        }
        String message = ase.awsErrorDetails() == null ? null : ase.awsErrorDetails().errorMessage();
        return message != null && (message.startsWith("Signature expired")
                || message.startsWith("Signature not yet current"));
    }

    private static String errorCode(AwsServiceException ase) {
        return ase.awsErrorDetails() == null ? null : ase.awsErrorDetails().errorCode();
    }

    private static boolean hasIoCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** A description safe for logs: status and error code, never the service's message (it may quote values). */
    public static String describe(Throwable e) {
        if (e instanceof CredentialsUnavailableException) {
            return "credentials unavailable: " + (e.getCause() == null ? "unknown cause" : describe(e.getCause()));
        }
        if (e instanceof AwsServiceException ase) {
            String code = errorCode(ase);
            return "HTTP " + ase.statusCode() + (code == null ? "" : " " + code);
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return e.getClass().getSimpleName() + (root == e ? "" : " caused by " + root.getClass().getSimpleName());
    }
}
