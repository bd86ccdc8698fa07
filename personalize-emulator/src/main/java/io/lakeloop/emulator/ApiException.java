package io.lakeloop.emulator;

import java.util.Objects;

/**
 * An error answered the way the service answers it: an HTTP status, the {@code x-amzn-ErrorType} the SDK maps to an
 * exception class, and a message. Thrown anywhere in request handling and written by {@link HttpResponses}.
 */
final class ApiException extends RuntimeException {

    private final int status;
    private final String errorType;

    ApiException(int status, String errorType, String message) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.status = status;
        this.errorType = Objects.requireNonNull(errorType, "errorType");
    }

    int status() {
        return status;
    }

    String errorType() {
        return errorType;
    }

    static ApiException invalidInput(String message) {
        return new ApiException(400, "InvalidInputException", message);
    }

    static ApiException serialization(String message) {
        return new ApiException(400, "SerializationException", message);
    }

    static ApiException notFound(String message) {
        return new ApiException(404, "ResourceNotFoundException", message);
    }

    static ApiException inUse(String message) {
        return new ApiException(409, "ResourceInUseException", message);
    }

    static ApiException throttling() {
        return new ApiException(429, "ThrottlingException", "Rate exceeded");
    }

    static ApiException internalFailure() {
        return new ApiException(500, "InternalFailure",
                "The request processing has failed because of an unknown error, exception or failure.");
    }

    static ApiException serviceUnavailable() {
        return new ApiException(503, "ServiceUnavailableException", "Service is unavailable, please retry.");
    }

    static ApiException missingAuthenticationToken() {
        return new ApiException(403, "MissingAuthenticationTokenException", "Missing Authentication Token");
    }

    static ApiException incompleteSignature(String message) {
        return new ApiException(403, "IncompleteSignatureException", message);
    }

    static ApiException unrecognizedClient() {
        return new ApiException(403, "UnrecognizedClientException",
                "The security token included in the request is invalid.");
    }

    static ApiException invalidSignature(String message) {
        return new ApiException(403, "InvalidSignatureException", message);
    }

    /** The front end's answer to a request signed too far from its clock: 400, not 403 (see SigV4Authenticator). */
    static ApiException invalidSignatureBadRequest(String message) {
        return new ApiException(400, "InvalidSignatureException", message);
    }

    static ApiException unknownOperation() {
        return new ApiException(404, "UnknownOperationException", "Unknown operation");
    }
}
