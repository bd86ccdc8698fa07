package io.lakeloop.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PutEventsParserTest {

    private final PutEventsParser parser = new PutEventsParser();

    @Test
    void buildsEventsWithTheCallsIdsAndExactSentAt() throws Exception {
        ValidCall call = parser.parse(json("{\"trackingId\":\"t\",\"userId\":\"u\",\"sessionId\":\"s\",\"eventList\":"
                + "[{\"eventType\":\"click\",\"itemId\":\"i\",\"sentAt\":1700000000.123,\"eventValue\":1.5}]}"));

        RecordedEvent event = (RecordedEvent) call.records().get(0).apply(7);
        assertThat(call.resource()).isEqualTo("t");
        assertThat(event).isEqualTo(new RecordedEvent(7, "t", "u", "s", null, "click", 1.5f, "i", null,
                new BigDecimal("1700000000.123"), null, null, null));
    }

    @Test
    void countsLengthInCodePoints() throws Exception {
        String emoji = "\uD83D\uDE00".repeat(256);

        ValidCall call = parser.parse(json("{\"trackingId\":\"t\",\"sessionId\":\"s\",\"eventList\":"
                + "[{\"eventType\":\"click\",\"itemId\":\"" + emoji + "\",\"sentAt\":1}]}"));

        assertThat(call.records()).hasSize(1);
    }

    @Test
    void namesEveryViolationInOneMessage() {
        assertThatThrownBy(() -> parser.parse(json("{\"eventList\":[{\"sentAt\":1}]}")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.errorType()).isEqualTo("InvalidInputException");
                    assertThat(e.getMessage()).startsWith("3 validation errors detected: ")
                            .contains("Value null at 'trackingId'", "Value null at 'sessionId'",
                                    "Value null at 'eventList.1.member.eventType'");
                });
    }

    @Test
    void answersAWrongJsonTypeWithSerializationException() {
        assertThatThrownBy(() -> parser.parse(json("{\"trackingId\":\"t\",\"sessionId\":\"s\",\"eventList\":{}}")))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.errorType()).isEqualTo("SerializationException"));
    }

    private static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }
}
