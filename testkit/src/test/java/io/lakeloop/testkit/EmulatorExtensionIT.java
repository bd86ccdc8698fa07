package io.lakeloop.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeloop.emulator.RecordedEvent;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.personalizeevents.model.Event;
import software.amazon.awssdk.services.personalizeevents.model.InvalidInputException;

class EmulatorExtensionIT {

    @RegisterExtension
    static final EmulatorExtension PERSONALIZE = EmulatorExtension.create();

    @BeforeEach
    void clean() {
        PERSONALIZE.reset();
    }

    @Test
    void theRealSdkClientPutsEventsThatTheEmulatorRecords() {
        PERSONALIZE.client().putEvents(r -> r.trackingId("tracker-1").userId("u1").sessionId("s1").eventList(
                Event.builder().eventType("click").itemId("i1").sentAt(Instant.ofEpochSecond(1_700_000_000L)).eventId("e1").build(),
                Event.builder().eventType("view").itemId("i2").sentAt(Instant.ofEpochMilli(1_700_000_001_500L)).eventId("e2").build()));

        assertThat(PERSONALIZE.emulator().recorded().events())
                .extracting(RecordedEvent::eventId, RecordedEvent::itemId, e -> e.sentAtInstant().getEpochSecond())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("e1", "i1", 1_700_000_000L),
                        org.assertj.core.groups.Tuple.tuple("e2", "i2", 1_700_000_001L));
        assertThat(PERSONALIZE.awsConnectorConfig()).containsEntry("aws.endpoint", PERSONALIZE.endpoint().toString());
    }

    @Test
    void invalidInputSurfacesAsTheSdksTypedException() {
        assertThatThrownBy(() -> PERSONALIZE.client().putEvents(r -> r.trackingId("t").sessionId("s").eventList(
                Event.builder().eventType("x".repeat(257)).sentAt(Instant.ofEpochSecond(1)).build())))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("eventType");
        assertThat(PERSONALIZE.emulator().recorded().events()).isEmpty();
    }
}
