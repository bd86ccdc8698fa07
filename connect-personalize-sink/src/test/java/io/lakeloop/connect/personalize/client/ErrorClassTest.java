package io.lakeloop.connect.personalize.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.personalizeevents.model.ResourceInUseException;

class ErrorClassTest {

    @Test
    void classifiesByStatusCodeAndType() {
        assertThat(ErrorClass.of(Errors.status(429, "ThrottlingException"))).isEqualTo(ErrorClass.THROTTLED);
        assertThat(ErrorClass.of(Errors.status(400, "ThrottlingException"))).isEqualTo(ErrorClass.THROTTLED);
        assertThat(ErrorClass.of(Errors.status(500, "InternalFailure"))).isEqualTo(ErrorClass.SERVER_ERROR);
        assertThat(ErrorClass.of(Errors.status(503, "ServiceUnavailableException"))).isEqualTo(ErrorClass.SERVER_ERROR);
        assertThat(ErrorClass.of(Errors.invalid("bad"))).isEqualTo(ErrorClass.INVALID_INPUT);
        assertThat(ErrorClass.of(Errors.status(413, "RequestEntityTooLarge"))).isEqualTo(ErrorClass.INVALID_INPUT);
        assertThat(ErrorClass.of(ResourceInUseException.builder().statusCode(409).build()))
                .isEqualTo(ErrorClass.RESOURCE_BUSY);
        assertThat(ErrorClass.of(Errors.notFound())).isEqualTo(ErrorClass.FATAL);
        assertThat(ErrorClass.of(Errors.status(403, "AccessDeniedException"))).isEqualTo(ErrorClass.REQUEST_REFUSED);
        assertThat(ErrorClass.of(Errors.status(403, "UnrecognizedClientException")))
                .isEqualTo(ErrorClass.REQUEST_REFUSED);
        assertThat(ErrorClass.of(Errors.status(408, "RequestTimeoutException"))).isEqualTo(ErrorClass.IO_ERROR);
        assertThat(ErrorClass.of(Errors.status(400, "RequestAbortedException"))).isEqualTo(ErrorClass.IO_ERROR);
    }

    /** Issue 11 item 7: AWS answers these with HTTP 400 too, but no record of the call is at fault. */
    @ParameterizedTest
    @ValueSource(strings = {"AccessDeniedException", "ValidationError", "MalformedHttpRequestException",
            "SerializationException", "IncompleteSignature", "NotAuthorized", "UnknownErrorNobodyDocumented"})
    void only400InvalidInputMeansBadRecordsAndEveryOther400IsRefusedAsARequest(String code) {
        assertThat(ErrorClass.of(Errors.status(400, code))).isEqualTo(ErrorClass.REQUEST_REFUSED);
        assertThat(ErrorClass.REQUEST_REFUSED.retried()).isFalse();
    }

    @Test
    void aRequestSignedTooFarFromTheServiceClockIsClockSkewAndRetried() {
        assertThat(ErrorClass.of(Errors.status(400, "RequestExpired"))).isEqualTo(ErrorClass.CLOCK_SKEW);
        assertThat(ErrorClass.of(Errors.status(403, "RequestTimeTooSkewed"))).isEqualTo(ErrorClass.CLOCK_SKEW);
        assertThat(ErrorClass.of(Errors.status(400, "InvalidSignatureException", "Signature expired: 20261203T081500Z "
                + "is now earlier than 20261203T083000Z (20261203T084500Z - 15 min.)"))).isEqualTo(ErrorClass.CLOCK_SKEW);
        assertThat(ErrorClass.of(Errors.status(400, "InvalidSignatureException", "Signature not yet current: "
                + "20261203T091500Z is still later than ..."))).isEqualTo(ErrorClass.CLOCK_SKEW);
        assertThat(ErrorClass.of(Errors.status(403, "InvalidSignatureException", "The request signature we "
                + "calculated does not match the signature you provided."))).isEqualTo(ErrorClass.REQUEST_REFUSED);
        assertThat(ErrorClass.CLOCK_SKEW.retried()).isTrue();
    }

    @Test
    void credentialsThatCannotBeLoadedAreRetriedButCredentialsRefusedAreNot() {
        SdkClientException chain = SdkClientException.builder().message("Unable to load credentials from any of the "
                + "providers in the chain").build();
        SdkClientException container = SdkClientException.builder().message("Failed to load credentials from "
                + "metadata service.").cause(SdkServiceException.builder().statusCode(429).build()).build();
        assertThat(ErrorClass.of(new CredentialsUnavailableException(chain))).isEqualTo(ErrorClass.CREDENTIALS);
        assertThat(ErrorClass.of(new CredentialsUnavailableException(container))).isEqualTo(ErrorClass.CREDENTIALS);
        assertThat(ErrorClass.of(new CredentialsUnavailableException(Errors.status(400, "Throttling"))))
                .isEqualTo(ErrorClass.CREDENTIALS);
        assertThat(ErrorClass.of(new CredentialsUnavailableException(Errors.status(403, "AccessDenied"))))
                .isEqualTo(ErrorClass.REQUEST_REFUSED);
        assertThat(ErrorClass.of(Errors.status(403, "ExpiredTokenException"))).isEqualTo(ErrorClass.CREDENTIALS);
        assertThat(ErrorClass.CREDENTIALS.retried()).isTrue();
    }

    @Test
    void ioFailuresAreRetriedButOtherClientErrorsAreNot() {
        assertThat(ErrorClass.of(Errors.refused())).isEqualTo(ErrorClass.IO_ERROR);
        assertThat(ErrorClass.of(SdkClientException.builder().cause(new SocketTimeoutException("read")).build()))
                .isEqualTo(ErrorClass.IO_ERROR);
        assertThat(ErrorClass.of(ApiCallAttemptTimeoutException.builder().message("t").build()))
                .isEqualTo(ErrorClass.IO_ERROR);
        assertThat(ErrorClass.of(new IllegalStateException("bug"))).isEqualTo(ErrorClass.FATAL);
        assertThat(ErrorClass.THROTTLED.retried()).isTrue();
        assertThat(ErrorClass.INVALID_INPUT.retried()).isFalse();
    }

    @Test
    void descriptionsNeverQuoteTheServiceMessage() {
        assertThat(ErrorClass.describe(Errors.invalid("Value 'user-42' at 'userId' failed")))
                .isEqualTo("HTTP 400 InvalidInputException").doesNotContain("user-42");
        assertThat(ErrorClass.describe(Errors.refused())).contains("ConnectException");
        assertThat(ErrorClass.describe(new CredentialsUnavailableException(Errors.status(400, "Throttling"))))
                .isEqualTo("credentials unavailable: HTTP 400 Throttling");
    }
}
