package io.lakeloop.emulator;

import static io.lakeloop.emulator.Payloads.chars;
import static io.lakeloop.emulator.Payloads.event;
import static io.lakeloop.emulator.Payloads.events;
import static io.lakeloop.emulator.Payloads.ids;
import static io.lakeloop.emulator.Payloads.jsonOfLength;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.personalizeevents.PersonalizeEventsClient;
import software.amazon.awssdk.services.personalizeevents.model.Event;
import software.amazon.awssdk.services.personalizeevents.model.InvalidInputException;
import software.amazon.awssdk.services.personalizeevents.model.MetricAttribution;
import software.amazon.awssdk.services.personalizeevents.model.PutEventsRequest;

/** Every constraint of PutEventsRequest and Event: the boundary passes, one beyond fails naming the member. */
class PutEventsValidationIT {

    private static PersonalizeEmulator emulator;
    private static PersonalizeEventsClient client;

    @BeforeAll
    static void start() {
        emulator = PersonalizeEmulator.builder().requestsPerSecond(Operation.PUT_EVENTS, 0).build().start();
        client = Sdk.noRetry(emulator.endpoint());
    }

    @AfterAll
    static void stop() {
        client.close();
        emulator.close();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                ok("one event", r -> r),
                ok("10 events", r -> r.eventList(events(10))),
                bad("11 events", r -> r.eventList(events(11)), "'eventList' failed to satisfy constraint: "
                        + "Member must have length less than or equal to 10"),
                bad("no events", r -> r.eventList(List.of()),
                        "'eventList' failed to satisfy constraint: Member must have length greater than or equal to 1"),
                bad("missing eventList", r -> r.eventList((List<Event>) null),
                        "Value null at 'eventList' failed to satisfy constraint: Member must not be null"),
                bad("missing trackingId", r -> r.trackingId(null), "Value null at 'trackingId'"),
                bad("missing sessionId", r -> r.sessionId(null), "Value null at 'sessionId'"),
                ok("no userId", r -> r.userId(null)),
                ok("trackingId 256", r -> r.trackingId(chars(256))),
                bad("trackingId 257", r -> r.trackingId(chars(257)), "'trackingId' failed to satisfy constraint: "
                        + "Member must have length less than or equal to 256"),
                bad("empty trackingId", r -> r.trackingId(""),
                        "'trackingId' failed to satisfy constraint: Member must have length greater than or equal to 1"),
                ok("sessionId 256", r -> r.sessionId(chars(256))),
                bad("sessionId 257", r -> r.sessionId(chars(257)), "'sessionId' failed"),
                ok("userId 256", r -> r.userId(chars(256))),
                bad("userId 257", r -> r.userId(chars(257)), "'userId' failed"),
                bad("empty userId", r -> r.userId(""), "'userId' failed"),
                ok("itemId 256", one(e -> e.itemId(chars(256)))),
                bad("itemId 257", one(e -> e.itemId(chars(257))), "1 validation error detected: Value at "
                        + "'eventList.1.member.itemId' failed to satisfy constraint: "
                        + "Member must have length less than or equal to 256"),
                bad("itemId 257 in the second event", r -> r.eventList(event().build(),
                        event().itemId(chars(257)).build()), "'eventList.2.member.itemId'"),
                ok("no itemId", one(e -> e.itemId(null))),
                ok("eventId 256", one(e -> e.eventId(chars(256)))),
                bad("eventId 257", one(e -> e.eventId(chars(257))), "'eventList.1.member.eventId'"),
                ok("eventType 256", one(e -> e.eventType(chars(256)))),
                bad("eventType 257", one(e -> e.eventType(chars(257))), "'eventList.1.member.eventType'"),
                bad("missing eventType", one(e -> e.eventType(null)), "Value null at 'eventList.1.member.eventType'"),
                bad("missing sentAt", one(e -> e.sentAt(null)), "Value null at 'eventList.1.member.sentAt'"),
                ok("recommendationId 40", one(e -> e.recommendationId(chars(40)))),
                bad("recommendationId 41", one(e -> e.recommendationId(chars(41))),
                        "'eventList.1.member.recommendationId' failed to satisfy constraint: "
                                + "Member must have length less than or equal to 40"),
                ok("impression 25", one(e -> e.impression(ids(25)))),
                bad("impression 26", one(e -> e.impression(ids(26))), "'eventList.1.member.impression' failed to "
                        + "satisfy constraint: Member must have length less than or equal to 25"),
                bad("empty impression", one(e -> e.impression(List.of())), "'eventList.1.member.impression' failed "
                        + "to satisfy constraint: Member must have length greater than or equal to 1"),
                bad("impression id 257", one(e -> e.impression("a", chars(257))),
                        "'eventList.1.member.impression.2.member'"),
                ok("properties 1024", one(e -> e.properties(jsonOfLength(1024)))),
                bad("properties 1025", one(e -> e.properties(jsonOfLength(1025))),
                        "'eventList.1.member.properties' failed to satisfy constraint: "
                                + "Member must have length less than or equal to 1024"),
                bad("empty properties", one(e -> e.properties("")), "'eventList.1.member.properties'"),
                bad("properties not JSON", one(e -> e.properties("{\"k\": ")),
                        "'eventList.1.member.properties' failed to satisfy constraint: "
                                + "Member must be a string holding a valid JSON object"),
                bad("properties a JSON list", one(e -> e.properties("[1,2]")), "valid JSON object"),
                bad("reserved key, other case", one(e -> e.properties("{\"UserID\":\"u\"}")),
                        "reserved key 'UserID'"),
                bad("reserved key timestamp", one(e -> e.properties("{\"timestamp\":1}")), "reserved key"),
                ok("a key that only contains a reserved one", one(e -> e.properties("{\"userIdHash\":\"h\"}"))),
                ok("eventValue", one(e -> e.eventValue(4.5f))),
                ok("attribution source", one(e -> e.metricAttribution(attribution("email campaign")))),
                ok("attribution source 1024", one(e -> e.metricAttribution(attribution(chars(1024))))),
                bad("attribution source 1025", one(e -> e.metricAttribution(attribution(chars(1025)))),
                        "'eventList.1.member.metricAttribution.eventAttributionSource'"),
                bad("attribution source blank", one(e -> e.metricAttribution(attribution("   "))),
                        "Member must satisfy regular expression pattern"),
                bad("attribution source not printable", one(e -> e.metricAttribution(attribution("caf\u00e9"))),
                        "Member must satisfy regular expression pattern"),
                bad("attribution without source", one(e -> e.metricAttribution(MetricAttribution.builder().build())),
                        "Value null at 'eventList.1.member.metricAttribution.eventAttributionSource'"),
                bad("two violations", r -> r.trackingId(chars(257)).sessionId(null),
                        "2 validation errors detected: "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void validatesLikeTheModel(String name, UnaryOperator<PutEventsRequest.Builder> change, String expectedError) {
        PutEventsRequest request = change.apply(valid()).build();
        int before = emulator.recorded().events().size();
        if (expectedError == null) {
            client.putEvents(request);
            assertThat(emulator.recorded().events()).hasSize(before + request.eventList().size());
        } else {
            assertThatThrownBy(() -> client.putEvents(request))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(expectedError)
                    .satisfies(e -> assertThat(((InvalidInputException) e).statusCode()).isEqualTo(400));
            assertThat(emulator.recorded().events()).hasSize(before);
        }
    }

    private static PutEventsRequest.Builder valid() {
        return PutEventsRequest.builder().trackingId("tracker-1").userId("user-1").sessionId("session-1")
                .eventList(event().build());
    }

    private static MetricAttribution attribution(String source) {
        return MetricAttribution.builder().eventAttributionSource(source).build();
    }

    private static UnaryOperator<PutEventsRequest.Builder> one(UnaryOperator<Event.Builder> change) {
        return r -> r.eventList(change.apply(event()).build());
    }

    private static Arguments ok(String name, UnaryOperator<PutEventsRequest.Builder> change) {
        return arguments(name, change, null);
    }

    private static Arguments bad(String name, UnaryOperator<PutEventsRequest.Builder> change, String error) {
        return arguments(name, change, error);
    }
}
