package io.lakeloop.connect.personalize.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.personalizeevents.model.InvalidInputException;
import software.amazon.awssdk.services.personalizeevents.model.ResourceInUseException;
import software.amazon.awssdk.services.personalizeevents.model.ResourceNotFoundException;

/**
 * What a failed call means, decided by status code and exception type (the SDK's {@code retryable()} is false for
 * every one of them). The one place errors are classified.
 */
public enum ErrorClass {
    /** 429 or a throttling error code: retried with backoff. */
    THROTTLED(true),
    /** 5xx: retried with backoff. */
    SERVER_ERROR(true),
    /** No answer (connection refused or reset, timeout): retried with backoff. */
    IO_ERROR(true),
    /** 409 ResourceInUse (the tracker or dataset is being updated): retried with backoff. */
    RESOURCE_BUSY(true),
    /** 400 InvalidInput (or 413): some record of the call is bad; the batch is bisected to find it. */
    INVALID_INPUT(false),
    /** Anything else (403 access denied, 404 unknown tracker or dataset, ...): the task fails. */
    FATAL(false);

    private final boolean retried;

    ErrorClass(boolean retried) {
        this.retried = retried;
    }

    public boolean retried() {
        return retried;
    }

    public static ErrorClass of(Throwable e) {
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
            int status = ase.statusCode();
            if (status == 429 || ase.isThrottlingException()) {
                return THROTTLED;
            }
            if (status >= 500) {
                return SERVER_ERROR;
            }
            if (status == 408) {
                return IO_ERROR;
            }
            if (status == 400 || status == 413) {
                return INVALID_INPUT;
            }
            return FATAL;
        }
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return IO_ERROR;
        }
        if (e instanceof SdkClientException || e instanceof UncheckedIOException) {
            return hasIoCause(e) ? IO_ERROR : FATAL;
        }
        return FATAL;
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
        if (e instanceof AwsServiceException ase) {
            String code = ase.awsErrorDetails() == null ? null : ase.awsErrorDetails().errorCode();
            return "HTTP " + ase.statusCode() + (code == null ? "" : " " + code);
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return e.getClass().getSimpleName() + (root == e ? "" : " caused by " + root.getClass().getSimpleName());
    }
}
