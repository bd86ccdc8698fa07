package io.lakeloop.emulator;

import static io.lakeloop.emulator.Payloads.SENT_AT;
import static io.lakeloop.emulator.Payloads.chars;
import static io.lakeloop.emulator.Payloads.ids;
import static io.lakeloop.emulator.Payloads.jsonOfLength;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.personalizeevents.PersonalizeEventsClient;
import software.amazon.awssdk.services.personalizeevents.model.ActionInteraction;
import software.amazon.awssdk.services.personalizeevents.model.InvalidInputException;
import software.amazon.awssdk.services.personalizeevents.model.PutActionInteractionsRequest;

/** Every constraint of PutActionInteractionsRequest and ActionInteraction. */
class ActionInteractionsValidationIT {

    private static PersonalizeEmulator emulator;
    private static PersonalizeEventsClient client;

    @BeforeAll
    static void start() {
        emulator = PersonalizeEmulator.builder().requestsPerSecond(Operation.PUT_ACTION_INTERACTIONS, 0).build()
                .start();
        client = Sdk.noRetry(emulator.endpoint());
    }

    @AfterAll
    static void stop() {
        client.close();
        emulator.close();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                ok("one interaction", r -> r),
                ok("10 interactions", r -> r.actionInteractions(interactions(10))),
                bad("11 interactions", r -> r.actionInteractions(interactions(11)), "'actionInteractions' failed to "
                        + "satisfy constraint: Member must have length less than or equal to 10"),
                bad("no interactions", r -> r.actionInteractions(List.of()), "'actionInteractions' failed to "
                        + "satisfy constraint: Member must have length greater than or equal to 1"),
                bad("missing trackingId", r -> r.trackingId(null), "Value null at 'trackingId'"),
                bad("trackingId 257", r -> r.trackingId(chars(257)), "'trackingId' failed"),
                ok("actionId 256", one(a -> a.actionId(chars(256)))),
                bad("actionId 257", one(a -> a.actionId(chars(257))),
                        "'actionInteractions.1.member.actionId' failed to satisfy constraint: "
                                + "Member must have length less than or equal to 256"),
                bad("missing actionId", one(a -> a.actionId(null)), "Value null at 'actionInteractions.1.member.actionId'"),
                bad("missing sessionId", one(a -> a.sessionId(null)),
                        "Value null at 'actionInteractions.1.member.sessionId'"),
                bad("missing timestamp", one(a -> a.timestamp(null)),
                        "Value null at 'actionInteractions.1.member.timestamp'"),
                bad("missing eventType", one(a -> a.eventType(null)),
                        "Value null at 'actionInteractions.1.member.eventType'"),
                ok("no userId", one(a -> a.userId(null))),
                bad("userId 257", one(a -> a.userId(chars(257))), "'actionInteractions.1.member.userId'"),
                bad("eventId 257", one(a -> a.eventId(chars(257))), "'actionInteractions.1.member.eventId'"),
                ok("recommendationId 40", one(a -> a.recommendationId(chars(40)))),
                bad("recommendationId 41", one(a -> a.recommendationId(chars(41))),
                        "'actionInteractions.1.member.recommendationId'"),
                ok("impression 25", one(a -> a.impression(ids(25)))),
                bad("impression 26", one(a -> a.impression(ids(26))), "'actionInteractions.1.member.impression'"),
                bad("empty impression", one(a -> a.impression(List.of())),
                        "Member must have length greater than or equal to 1"),
                ok("properties 1024", one(a -> a.properties(jsonOfLength(1024)))),
                bad("properties 1025", one(a -> a.properties(jsonOfLength(1025))),
                        "'actionInteractions.1.member.properties' failed to satisfy constraint: "
                                + "Member must have length less than or equal to 1024"),
                bad("reserved key", one(a -> a.properties("{\"sessionid\":\"s\"}")), "reserved key 'sessionid'"),
                bad("properties not JSON", one(a -> a.properties("{")), "valid JSON object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void validatesLikeTheModel(String name, UnaryOperator<PutActionInteractionsRequest.Builder> change,
                               String expectedError) {
        PutActionInteractionsRequest request = change.apply(valid()).build();
        int before = emulator.recorded().actionInteractions().size();
        if (expectedError == null) {
            client.putActionInteractions(request);
            assertThat(emulator.recorded().actionInteractions())
                    .hasSize(before + request.actionInteractions().size());
        } else {
            assertThatThrownBy(() -> client.putActionInteractions(request))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(expectedError);
            assertThat(emulator.recorded().actionInteractions()).hasSize(before);
        }
    }

    static ActionInteraction.Builder interaction() {
        return ActionInteraction.builder().actionId("action-1").userId("user-1").sessionId("session-1")
                .timestamp(SENT_AT).eventType("Taken");
    }

    private static List<ActionInteraction> interactions(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> interaction().actionId("action-" + i).build()).toList();
    }

    private static PutActionInteractionsRequest.Builder valid() {
        return PutActionInteractionsRequest.builder().trackingId("tracker-1").actionInteractions(interaction().build());
    }

    private static UnaryOperator<PutActionInteractionsRequest.Builder> one(UnaryOperator<ActionInteraction.Builder> c) {
        return r -> r.actionInteractions(c.apply(interaction()).build());
    }

    private static Arguments ok(String name, UnaryOperator<PutActionInteractionsRequest.Builder> change) {
        return arguments(name, change, null);
    }

    private static Arguments bad(String name, UnaryOperator<PutActionInteractionsRequest.Builder> change,
                                 String error) {
        return arguments(name, change, error);
    }
}
