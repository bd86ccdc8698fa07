package io.lakeloop.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.personalizeevents.PersonalizeEventsClient;

/** The SDK's own container credentials provider against the emulator's endpoint, and calls signed with what it got. */
class ContainerCredentialsIT {

    private static PersonalizeEmulator emulator;

    /** What ECS / MSK Connect set as AWS_CONTAINER_CREDENTIALS_FULL_URI; the SDK reads the property too. */
    private static final String FULL_URI = "aws.containerCredentialsFullUri";

    @BeforeAll
    static void start() {
        emulator = PersonalizeEmulator.builder().credentials(Sdk.ACCESS_KEY, Sdk.SECRET_KEY).build().start();
        System.setProperty(FULL_URI, emulator.endpoint().resolve("/_emulator/credentials").toString());
    }

    @AfterAll
    static void stop() {
        System.clearProperty(FULL_URI);
        emulator.close();
    }

    private static ContainerCredentialsProvider provider() {
        return ContainerCredentialsProvider.builder().build();
    }

    @Test
    void servesTheKeyPairWithASessionTokenThatSignsAcceptedCalls() {
        ContainerCredentialsProvider provider = provider();
        AwsSessionCredentials credentials = (AwsSessionCredentials) provider.resolveCredentials();

        assertThat(credentials.accessKeyId()).isEqualTo(Sdk.ACCESS_KEY);
        assertThat(credentials.sessionToken()).isNotBlank();
        assertThat(emulator.containerCredentials().served()).isPositive();
        try (PersonalizeEventsClient client = PersonalizeEventsClient.builder().endpointOverride(emulator.endpoint())
                .region(Region.US_EAST_1).credentialsProvider(provider).httpClient(UrlConnectionHttpClient.create())
                .build()) {
            client.putEvents(r -> r.trackingId("t").sessionId("s").eventList(Payloads.event().build()));
        }
        assertThat(emulator.recorded().events()).isNotEmpty();
    }

    @Test
    void failsTheFetchesAskedForThenServesAgain() {
        emulator.containerCredentials().lifetime(Duration.ofSeconds(61)); // stale at once: every call fetches
        long failedBefore = emulator.containerCredentials().failed();
        emulator.containerCredentials().failNext(100, 429);
        try {
            assertThatThrownBy(() -> provider().resolveCredentials()).isInstanceOf(SdkClientException.class);
            assertThat(emulator.containerCredentials().failed()).isGreaterThan(failedBefore);
            emulator.containerCredentials().failNext(0, 500);
            assertThat(provider().resolveCredentials().accessKeyId()).isEqualTo(Sdk.ACCESS_KEY);
        } finally {
            emulator.containerCredentials().lifetime(Duration.ofHours(1));
        }
    }
}
