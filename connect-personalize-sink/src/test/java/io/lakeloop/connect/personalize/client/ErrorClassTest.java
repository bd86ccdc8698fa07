package io.lakeloop.connect.personalize.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
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
        assertThat(ErrorClass.of(Errors.status(403, "AccessDeniedException"))).isEqualTo(ErrorClass.FATAL);
        assertThat(ErrorClass.of(Errors.status(403, "UnrecognizedClientException"))).isEqualTo(ErrorClass.FATAL);
    }

    @Test
    void ioFailuresAreRetriedButOtherClientErrorsAreNot() {
        assertThat(ErrorClass.of(Errors.refused())).isEqualTo(ErrorClass.IO_ERROR);
        assertThat(ErrorClass.of(SdkClientException.builder().cause(new SocketTimeoutException("read")).build()))
                .isEqualTo(ErrorClass.IO_ERROR);
        assertThat(ErrorClass.of(ApiCallAttemptTimeoutException.builder().message("t").build()))
                .isEqualTo(ErrorClass.IO_ERROR);
        assertThat(ErrorClass.of(SdkClientException.builder().message("Unable to load credentials").build()))
                .isEqualTo(ErrorClass.FATAL);
        assertThat(ErrorClass.of(new IllegalStateException("bug"))).isEqualTo(ErrorClass.FATAL);
        assertThat(ErrorClass.THROTTLED.retried()).isTrue();
        assertThat(ErrorClass.INVALID_INPUT.retried()).isFalse();
    }

    @Test
    void descriptionsNeverQuoteTheServiceMessage() {
        assertThat(ErrorClass.describe(Errors.invalid("Value 'user-42' at 'userId' failed")))
                .isEqualTo("HTTP 400 InvalidInputException").doesNotContain("user-42");
        assertThat(ErrorClass.describe(Errors.refused())).contains("ConnectException");
    }
}
