package io.lakeloop.emulator;

import java.util.Arrays;
import java.util.Optional;

/**
 * The errors every AWS service may answer besides its model's own, as the Personalize API reference lists them under
 * "Common Errors" (status codes from that page: several request-level errors come as HTTP 400, like the model's
 * InvalidInputException), for {@link InjectedErrors}.
 */
public enum CommonError {
    ACCESS_DENIED(400, "AccessDeniedException", "User is not authorized to perform this action"),
    EXPIRED_TOKEN(403, "ExpiredTokenException", "The security token included in the request is expired"),
    INCOMPLETE_SIGNATURE(400, "IncompleteSignature", "The request signature does not conform to AWS standards."),
    INTERNAL_FAILURE(500, "InternalFailure",
            "The request processing has failed because of an unknown error, exception or failure."),
    INVALID_CLIENT_TOKEN_ID(403, "InvalidClientTokenId",
            "The X.509 certificate or AWS access key ID provided does not exist in our records."),
    MALFORMED_HTTP_REQUEST(400, "MalformedHttpRequestException",
            "Problems with the request at the HTTP level, e.g. the body could not be decompressed."),
    NOT_AUTHORIZED(400, "NotAuthorized", "You do not have permission to perform this action."),
    OPT_IN_REQUIRED(403, "OptInRequired", "The AWS access key ID needs a subscription for the service."),
    REQUEST_ABORTED(400, "RequestAbortedException", "The request was aborted before a reply was sent."),
    REQUEST_ENTITY_TOO_LARGE(413, "RequestEntityTooLargeException", "The request entity is too large."),
    REQUEST_EXPIRED(400, "RequestExpired",
            "The request reached the service more than 15 minutes after the date stamp on the request."),
    REQUEST_TIMEOUT(408, "RequestTimeoutException", "The request timed out."),
    SERVICE_UNAVAILABLE(503, "ServiceUnavailable", "The request has failed due to a temporary failure of the server."),
    THROTTLING(400, "ThrottlingException", "Rate exceeded"),
    UNRECOGNIZED_CLIENT(403, "UnrecognizedClientException", "The security token included in the request is invalid."),
    VALIDATION_ERROR(400, "ValidationError", "The input fails to satisfy the constraints specified by an AWS service.");

    private final int status;
    private final String errorType;
    private final String message;

    CommonError(int status, String errorType, String message) {
        this.status = status;
        this.errorType = errorType;
        this.message = message;
    }

    public int status() {
        return status;
    }

    public String errorType() {
        return errorType;
    }

    public String message() {
        return message;
    }

    /** By its wire name, e.g. {@code ValidationError}. */
    public static Optional<CommonError> byErrorType(String errorType) {
        return Arrays.stream(values()).filter(e -> e.errorType.equals(errorType)).findFirst();
    }
}
