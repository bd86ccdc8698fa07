package io.lakeloop.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.personalizeevents.PersonalizeEventsClient;
import software.amazon.awssdk.services.personalizeevents.model.PersonalizeEventsException;

/** Errors on demand, as the SDK sees them: the status and code asked for, for as many calls as asked, nothing recorded. */
class InjectedErrorsIT {

    private static PersonalizeEmulator emulator;
    private static PersonalizeEventsClient client;

    @BeforeAll
    static void start() {
        emulator = PersonalizeEmulator.builder().credentials(Sdk.ACCESS_KEY, Sdk.SECRET_KEY).build().start();
        client = Sdk.noRetry(emulator.endpoint());
    }

    @AfterAll
    static void stop() {
        client.close();
        emulator.close();
    }

    @AfterEach
    void reset() {
        emulator.errors().clear();
        emulator.recorded().clear();
        emulator.stats().reset();
    }

    private void putEvent() {
        client.putEvents(r -> r.trackingId("t").sessionId("s").eventList(Payloads.event().build()));
    }

    private void assertErrorCode(String code) {
        assertThatThrownBy(this::putEvent).isInstanceOfSatisfying(PersonalizeEventsException.class,
                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code));
    }

    @ParameterizedTest
    @EnumSource(CommonError.class)
    void answersEachCommonErrorWithItsStatusAndCodeForTheCallsAskedFor(CommonError error) {
        emulator.errors().inject(error, 2);

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(this::putEvent).isInstanceOfSatisfying(PersonalizeEventsException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(error.status());
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo(error.errorType());
            });
        }
        putEvent();

        assertThat(emulator.recorded().events()).hasSize(1);
        assertThat(emulator.errors().pending()).isEmpty();
    }

    @Test
    void answersAnErrorUntilClearedAndRulesInTheOrderGiven() {
        emulator.errors().inject(CommonError.ACCESS_DENIED, 1);
        emulator.errors().injectUntilCleared(CommonError.VALIDATION_ERROR);

        assertErrorCode("AccessDeniedException");
        for (int i = 0; i < 5; i++) {
            assertErrorCode("ValidationError");
        }
        emulator.errors().clear();
        putEvent();

        assertThat(emulator.recorded().events()).hasSize(1);
        assertThat(emulator.stats().snapshot().rejected("ValidationError")).isEqualTo(5);
    }

    @Test
    void takesRulesOverHttpWithTheCatalogDefaultsOrAnyStatusAndType() {
        HttpResponse<String> added = Sdk.post(emulator.endpoint(), "/_emulator/errors",
                "{\"errorType\":\"MalformedHttpRequestException\",\"calls\":1}", null);
        Sdk.post(emulator.endpoint(), "/_emulator/errors",
                "{\"errorType\":\"SomethingNew\",\"status\":400,\"message\":\"new\",\"calls\":1}", null);

        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(added.body()).contains("\"status\":400").contains("MalformedHttpRequestException");
        assertThatThrownBy(this::putEvent).isInstanceOfSatisfying(PersonalizeEventsException.class,
                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("MalformedHttpRequestException"));
        assertThatThrownBy(this::putEvent).isInstanceOfSatisfying(PersonalizeEventsException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SomethingNew");
        });
        putEvent();
        assertThat(Sdk.get(emulator.endpoint(), "/_emulator/errors").body()).isEqualTo("{\"pending\":[]}");
        assertThat(Sdk.post(emulator.endpoint(), "/_emulator/errors", "{\"status\":400}", null).statusCode())
                .isEqualTo(400);
    }
}
