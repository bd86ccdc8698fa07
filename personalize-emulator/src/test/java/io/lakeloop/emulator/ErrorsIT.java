package io.lakeloop.emulator;

import static io.lakeloop.emulator.Payloads.DATASET;
import static io.lakeloop.emulator.Payloads.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.personalizeevents.PersonalizeEventsClient;
import software.amazon.awssdk.services.personalizeevents.model.Item;
import software.amazon.awssdk.services.personalizeevents.model.PersonalizeEventsException;
import software.amazon.awssdk.services.personalizeevents.model.ResourceInUseException;
import software.amazon.awssdk.services.personalizeevents.model.ResourceNotFoundException;
import software.amazon.awssdk.services.personalizeevents.model.User;

/** Errors other than validation, as the SDK sees them: SigV4 (verified), unknown and busy resources. */
class ErrorsIT {

    private static final String TRACKER = "tracker-1";
    private static final String ITEMS = DATASET + "ITEMS";

    private static PersonalizeEmulator emulator;
    private static PersonalizeEventsClient client;

    @BeforeAll
    static void start() {
        emulator = PersonalizeEmulator.builder().credentials(Sdk.ACCESS_KEY, Sdk.SECRET_KEY)
                .trackingId(TRACKER).datasetArn(ITEMS).build().start();
        client = Sdk.noRetry(emulator.endpoint());
    }

    @AfterAll
    static void stop() {
        client.close();
        emulator.close();
    }

    @Test
    void acceptsCallsSignedWithTheConfiguredCredentials() {
        client.putEvents(r -> r.trackingId(TRACKER).sessionId("s").eventList(event().build()));
        client.putItems(r -> r.datasetArn(ITEMS).items(Item.builder().itemId("i").build()));

        assertThat(emulator.recorded().events()).isNotEmpty();
        assertThat(emulator.recorded().items()).isNotEmpty();
    }

    @Test
    void verifiesCallsSignedWithTemporaryCredentials() {
        try (PersonalizeEventsClient temporary = PersonalizeEventsClient.builder()
                .endpointOverride(emulator.endpoint()).region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsSessionCredentials.create(Sdk.ACCESS_KEY, Sdk.SECRET_KEY, "session-token")))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            temporary.putUsers(r -> r.datasetArn(ITEMS).users(User.builder().userId("u").build()));
        }

        assertThat(emulator.recorded().users()).extracting(RecordedUser::userId).contains("u");
    }

    @Test
    void answersAWrongSecretWithInvalidSignature() {
        try (PersonalizeEventsClient wrong = Sdk.client(emulator.endpoint(), Sdk.ACCESS_KEY, "not-the-secret")) {
            assertThatThrownBy(() -> wrong.putEvents(r -> r.trackingId(TRACKER).sessionId("s")
                    .eventList(event().build())))
                    .isInstanceOfSatisfying(PersonalizeEventsException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                    });
        }
    }

    @Test
    void answersAnUnknownAccessKeyWithUnrecognizedClient() {
        try (PersonalizeEventsClient wrong = Sdk.client(emulator.endpoint(), "AKIDSOMEONEELSE", Sdk.SECRET_KEY)) {
            assertThatThrownBy(() -> wrong.putItems(r -> r.datasetArn(ITEMS).items(Item.builder().itemId("i").build())))
                    .isInstanceOfSatisfying(PersonalizeEventsException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
                    });
        }
        assertThat(emulator.stats().snapshot().rejected("UnrecognizedClientException")).isPositive();
    }

    @Test
    void answersAnUnknownTrackingIdWithResourceNotFound() {
        assertThatThrownBy(() -> client.putEvents(r -> r.trackingId("unknown").sessionId("s")
                .eventList(event().build())))
                .isInstanceOfSatisfying(ResourceNotFoundException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(404));
        assertThatThrownBy(() -> client.putActionInteractions(r -> r.trackingId("unknown")
                .actionInteractions(ActionInteractionsValidationIT.interaction().build())))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void answersAnUnknownDatasetWithResourceNotFound() {
        assertThatThrownBy(() -> client.putItems(r -> r.datasetArn(DATASET + "OTHER/ITEMS")
                .items(Item.builder().itemId("i").build())))
                .isInstanceOfSatisfying(ResourceNotFoundException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(404));
    }

    @Test
    void answersABusyDatasetWithResourceInUse() {
        emulator.resources().markInUse(ITEMS);
        try {
            assertThatThrownBy(() -> client.putItems(r -> r.datasetArn(ITEMS)
                    .items(Item.builder().itemId("i").build())))
                    .isInstanceOfSatisfying(ResourceInUseException.class,
                            e -> assertThat(e.statusCode()).isEqualTo(409));
        } finally {
            emulator.resources().release(ITEMS);
        }
        client.putItems(r -> r.datasetArn(ITEMS).items(Item.builder().itemId("i").build()));
    }
}
