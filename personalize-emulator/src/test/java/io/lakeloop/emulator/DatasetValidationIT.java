package io.lakeloop.emulator;

import static io.lakeloop.emulator.Payloads.DATASET;
import static io.lakeloop.emulator.Payloads.chars;
import static io.lakeloop.emulator.Payloads.jsonOfLength;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.personalizeevents.PersonalizeEventsClient;
import software.amazon.awssdk.services.personalizeevents.model.Action;
import software.amazon.awssdk.services.personalizeevents.model.InvalidInputException;
import software.amazon.awssdk.services.personalizeevents.model.Item;
import software.amazon.awssdk.services.personalizeevents.model.User;

/** PutItems, PutUsers and PutActions: dataset ARN, 1..10 records, ids 1..256, properties 32,000 / 24,000 / 32,000. */
class DatasetValidationIT {

    private static PersonalizeEmulator emulator;
    private static PersonalizeEventsClient client;

    /** One call of one of the three operations: which, with which ARN, how many records, which id, which properties. */
    record Call(Operation operation, String arn, int count, String id, String properties) {

        void send(PersonalizeEventsClient client) {
            List<String> ids = new ArrayList<>();
            IntStream.range(0, count).forEach(i -> ids.add(i == 0 ? id : "id-" + i));
            switch (operation) {
                case PUT_ITEMS -> client.putItems(r -> r.datasetArn(arn).items(ids.stream()
                        .map(i -> Item.builder().itemId(i).properties(properties).build()).toList()));
                case PUT_USERS -> client.putUsers(r -> r.datasetArn(arn).users(ids.stream()
                        .map(i -> User.builder().userId(i).properties(properties).build()).toList()));
                case PUT_ACTIONS -> client.putActions(r -> r.datasetArn(arn).actions(ids.stream()
                        .map(i -> Action.builder().actionId(i).properties(properties).build()).toList()));
                default -> throw new IllegalArgumentException(operation.name());
            }
        }
    }

    @BeforeAll
    static void start() {
        emulator = PersonalizeEmulator.builder()
                .requestsPerSecond(Operation.PUT_ITEMS, 0)
                .requestsPerSecond(Operation.PUT_USERS, 0)
                .requestsPerSecond(Operation.PUT_ACTIONS, 0)
                .build().start();
        client = Sdk.noRetry(emulator.endpoint());
    }

    @AfterAll
    static void stop() {
        client.close();
        emulator.close();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                perOperation(Operation.PUT_ITEMS, "items", "itemId", 32_000),
                perOperation(Operation.PUT_USERS, "users", "userId", 24_000),
                perOperation(Operation.PUT_ACTIONS, "actions", "actionId", 32_000),
                Stream.of(
                        ok("item properties may use event-reserved keys",
                                new Call(Operation.PUT_ITEMS, DATASET + "ITEMS", 1, "i", "{\"userId\":\"x\"}")),
                        bad("bad ARN", new Call(Operation.PUT_ITEMS, "not-an-arn", 1, "i", null),
                                "'datasetArn' failed to satisfy constraint: "
                                        + "Member must satisfy regular expression pattern"),
                        bad("ARN of another service", new Call(Operation.PUT_USERS,
                                "arn:aws:s3:us-east-1:1:dataset/x/USERS", 1, "u", null), "'datasetArn'"),
                        ok("ARN 256", new Call(Operation.PUT_USERS, arnOfLength(256), 1, "u", null)),
                        bad("ARN 257", new Call(Operation.PUT_USERS, arnOfLength(257), 1, "u", null),
                                "'datasetArn' failed to satisfy constraint: "
                                        + "Member must have length less than or equal to 256"),
                        bad("missing ARN", new Call(Operation.PUT_ACTIONS, null, 1, "a", null),
                                "Value null at 'datasetArn'")))
                .flatMap(s -> s);
    }

    private static Stream<Arguments> perOperation(Operation operation, String list, String idMember, int max) {
        String arn = DATASET + list.toUpperCase();
        String name = operation.apiName() + ": ";
        return Stream.of(
                ok(name + "10 records", new Call(operation, arn, 10, "r", null)),
                bad(name + "11 records", new Call(operation, arn, 11, "r", null), "'" + list
                        + "' failed to satisfy constraint: Member must have length less than or equal to 10"),
                bad(name + "no records", new Call(operation, arn, 0, "r", null), "'" + list
                        + "' failed to satisfy constraint: Member must have length greater than or equal to 1"),
                ok(name + "id 256", new Call(operation, arn, 1, chars(256), null)),
                bad(name + "id 257", new Call(operation, arn, 1, chars(257), null),
                        "'" + list + ".1.member." + idMember + "' failed to satisfy constraint: "
                                + "Member must have length less than or equal to 256"),
                bad(name + "missing id", new Call(operation, arn, 1, null, null),
                        "Value null at '" + list + ".1.member." + idMember + "'"),
                ok(name + "properties " + max, new Call(operation, arn, 1, "r", jsonOfLength(max))),
                bad(name + "properties " + (max + 1), new Call(operation, arn, 1, "r", jsonOfLength(max + 1)),
                        "'" + list + ".1.member.properties' failed to satisfy constraint: "
                                + "Member must have length less than or equal to " + max),
                bad(name + "properties not JSON", new Call(operation, arn, 1, "r", "not json"),
                        "'" + list + ".1.member.properties' failed to satisfy constraint: "
                                + "Member must be a string holding a valid JSON object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void validatesLikeTheModel(String name, Call call, String expectedError) {
        int before = emulator.recorded().size(call.operation());
        if (expectedError == null) {
            call.send(client);
            assertThat(emulator.recorded().size(call.operation())).isEqualTo(before + call.count());
        } else {
            assertThatThrownBy(() -> call.send(client))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(expectedError);
            assertThat(emulator.recorded().size(call.operation())).isEqualTo(before);
        }
    }

    private static String arnOfLength(int length) {
        String prefix = "arn:aws:personalize:us-east-1:123456789012:dataset/";
        return prefix + "d".repeat(length - prefix.length() - "/USERS".length()) + "/USERS";
    }

    private static Arguments ok(String name, Call call) {
        return arguments(name, call, null);
    }

    private static Arguments bad(String name, Call call, String error) {
        return arguments(name, call, error);
    }
}
