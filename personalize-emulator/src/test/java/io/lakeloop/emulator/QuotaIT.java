package io.lakeloop.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.personalizeevents.PersonalizeEventsClient;
import software.amazon.awssdk.services.personalizeevents.model.Item;
import software.amazon.awssdk.services.personalizeevents.model.PersonalizeEventsException;

/** The request-rate quota per tracking id / dataset: a burst beyond it gets 429s, and nothing throttled is recorded. */
class QuotaIT {

    private PersonalizeEmulator emulator;
    private PersonalizeEventsClient client;

    @BeforeEach
    void start() {
        emulator = PersonalizeEmulator.builder()
                .requestsPerSecond(Operation.PUT_EVENTS, 5)
                .build().start();
        client = Sdk.noRetry(emulator.endpoint());
    }

    @AfterEach
    void stop() {
        client.close();
        emulator.close();
    }

    @Test
    void throttlesABurstBeyondTheQuota() {
        int calls = 30;
        int accepted = 0;
        int throttled = 0;
        for (int i = 0; i < calls; i++) {
            try {
                client.putEvents(r -> r.trackingId("tracker-1").sessionId("s").eventList(Payloads.event().build()));
                accepted++;
            } catch (PersonalizeEventsException e) {
                assertThat(e.statusCode()).isEqualTo(429);
                assertThat(e.isThrottlingException()).isTrue();
                throttled++;
            }
        }

        assertThat(accepted + throttled).isEqualTo(calls);
        assertThat(accepted).isGreaterThanOrEqualTo(5);
        assertThat(throttled).isPositive();
        assertThat(emulator.recorded().events()).hasSize(accepted);
        EmulatorStats.Snapshot stats = emulator.stats().snapshot();
        assertThat(stats.throttled()).isEqualTo(throttled);
        assertThat(stats.acceptedCalls(Operation.PUT_EVENTS)).isEqualTo(accepted);
        assertThat(stats.calls(Operation.PUT_EVENTS)).isEqualTo(calls);
    }

    @Test
    void keepsOneQuotaPerTrackingId() {
        for (int i = 0; i < 5; i++) {
            client.putEvents(r -> r.trackingId("tracker-a").sessionId("s").eventList(Payloads.event().build()));
            client.putEvents(r -> r.trackingId("tracker-b").sessionId("s").eventList(Payloads.event().build()));
        }

        assertThat(emulator.recorded().events()).hasSize(10);
    }

    @Test
    void appliesTheServiceQuotaOfPutItemsByDefault() {
        int calls = 50;
        int throttled = 0;
        for (int i = 0; i < calls; i++) {
            try {
                client.putItems(r -> r.datasetArn(Payloads.DATASET + "ITEMS").items(Item.builder().itemId("i").build()));
            } catch (PersonalizeEventsException e) {
                assertThat(e.isThrottlingException()).isTrue();
                throttled++;
            }
        }

        assertThat(throttled).isPositive();
        assertThat(emulator.recorded().items()).hasSize(calls - throttled);
    }
}
