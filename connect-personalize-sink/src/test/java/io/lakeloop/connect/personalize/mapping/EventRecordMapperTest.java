package io.lakeloop.connect.personalize.mapping;

import static io.lakeloop.connect.personalize.TestRecords.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakeloop.event.EventIds;
import io.lakeloop.event.FieldNames;
import io.lakeloop.event.EventField;
import io.lakeloop.event.InteractionParser;
import io.lakeloop.event.ReasonCode;
import io.lakeloop.event.TimestampNormalizer;
import io.lakeloop.event.ValidationTarget;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.personalizeevents.model.Event;

class EventRecordMapperTest {

    private final EventRecordMapper mapper = new EventRecordMapper(InteractionParser.defaults(ValidationTarget.PUT_EVENTS),
            true);

    private static Event event(Mapped.Part part) {
        return (Event) part.payload();
    }

    @Test
    void mapsTheSeedTrackerBatchWithPositionIdsAndMillisecondsAsSeconds() {
        String seed = "{\"user_id\":\"u1\",\"session_id\":\"s1\",\"event_list\":["
                + "{\"eventType\":\"click\",\"itemId\":\"i9\",\"sentAt\":1700000000123,\"eventValue\":1.5,"
                + "\"properties\":\"{\\\"k\\\":\\\"v\\\"}\",\"impression\":[\"i1\",\"i9\"]},"
                + "{\"eventType\":\"view\",\"itemId\":\"i2\",\"sentAt\":1700000001,\"eventId\":\"mine\"}]}";

        Mapped m = mapper.map(record("interactions", 3, 42, seed));

        assertThat(m.rejections()).isEmpty();
        assertThat(m.parts()).hasSize(2).allSatisfy(p -> assertThat(p.key()).isEqualTo(new GroupKey("u1", "s1")));
        Event first = event(m.parts().get(0));
        assertThat(first.eventId()).isEqualTo(EventIds.fromPosition("interactions", 3, 42, 0));
        assertThat(first.sentAt()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_123L));
        assertThat(first.eventValue()).isEqualTo(1.5f);
        assertThat(first.properties()).isEqualTo("{\"k\":\"v\"}");
        assertThat(first.impression()).containsExactly("i1", "i9");
        assertThat(event(m.parts().get(1)).eventId()).isEqualTo("mine");
        assertThat(event(m.parts().get(1)).sentAt()).isEqualTo(Instant.ofEpochSecond(1_700_000_001L));
    }

    @Test
    void mapsFlatEventsFromBytesMapsAndIsoTimestamps() {
        String flat = "{\"user_id\":\"u\",\"session_id\":\"s\",\"item_id\":\"i\",\"event_type\":\"buy\","
                + "\"timestamp\":\"2023-11-14T22:13:20.500Z\",\"event_value\":2}";
        Mapped fromBytes = mapper.map(record("t", 0, 7, flat.getBytes(StandardCharsets.UTF_8)));
        Mapped fromMap = mapper.map(record("t", 0, 7, Map.of("user_id", "u", "session_id", "s", "item_id", "i",
                "event_type", "buy", "timestamp", 1_700_000_000.5, "event_value", 2)));

        assertThat(event(fromBytes.parts().get(0)).sentAt()).isEqualTo(Instant.parse("2023-11-14T22:13:20.500Z"));
        assertThat(event(fromMap.parts().get(0)).sentAt()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_500L));
        assertThat(event(fromMap.parts().get(0)).eventValue()).isEqualTo(2f);
        assertThat(event(fromMap.parts().get(0)).eventId()).isEqualTo(EventIds.fromPosition("t", 0, 7, 0));
    }

    @Test
    void readsStructs() {
        Schema schema = SchemaBuilder.struct().field("user_id", Schema.STRING_SCHEMA)
                .field("session_id", Schema.STRING_SCHEMA).field("item_id", Schema.STRING_SCHEMA)
                .field("event_type", Schema.STRING_SCHEMA).field("timestamp", Schema.INT64_SCHEMA).build();
        Struct struct = new Struct(schema).put("user_id", "u").put("session_id", "s").put("item_id", "i")
                .put("event_type", "click").put("timestamp", 1_700_000_000_000L);

        Mapped m = mapper.map(record("t", 0, 1, struct));

        assertThat(m.rejections()).isEmpty();
        assertThat(event(m.parts().get(0)).sentAt()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
    }

    @Test
    void aBadEventInABatchIsRejectedWithItsIndexWhileTheOthersKeepTheirPositionIds() {
        String batch = "{\"user_id\":\"u\",\"session_id\":\"s\",\"event_list\":["
                + "{\"eventType\":\"a\",\"sentAt\":1700000000},"
                + "{\"sentAt\":1700000000},"
                + "{\"eventType\":\"c\",\"sentAt\":1700000000}]}";

        Mapped m = mapper.map(record("t", 0, 9, batch));

        assertThat(m.rejections()).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo(ReasonCode.MISSING_FIELD);
            assertThat(r.eventIndex()).isEqualTo(1);
        });
        assertThat(m.parts()).extracting(p -> event(p).eventId())
                .containsExactly(EventIds.fromPosition("t", 0, 9, 0), EventIds.fromPosition("t", 0, 9, 2));
    }

    @Test
    void contentModeKeepsTheContentDerivedIdAndFieldNamesAreConfigurable() {
        EventRecordMapper custom = new EventRecordMapper(new InteractionParser(
                FieldNames.defaults().with(EventField.USER_ID, "customer"), TimestampNormalizer.defaults(),
                ValidationTarget.PUT_EVENTS), false);
        Mapped a = custom.map(record("t", 0, 1, "{\"customer\":\"c1\",\"session_id\":\"s\",\"event_type\":\"x\","
                + "\"timestamp\":1700000000}"));
        Mapped b = custom.map(record("t", 0, 2, "{\"customer\":\"c1\",\"session_id\":\"s\",\"event_type\":\"x\","
                + "\"timestamp\":1700000000}"));

        assertThat(a.parts().get(0).key().userId()).isEqualTo("c1");
        assertThat(event(a.parts().get(0)).eventId()).isEqualTo(event(b.parts().get(0)).eventId())
                .isNotEqualTo(EventIds.fromPosition("t", 0, 1, 0));
    }

    @Test
    void undecodableValuesAreRejectedWholesale() {
        assertThat(mapper.map(record("t", 0, 1, "not json")).rejections())
                .extracting(r -> r.code()).containsExactly(ReasonCode.UNDECODABLE);
        assertThat(mapper.map(record("t", 0, 1, null)).rejections())
                .extracting(r -> r.code()).containsExactly(ReasonCode.UNDECODABLE);
        assertThat(mapper.map(record("t", 0, 1, List.of(1))).parts()).isEmpty();
    }
}
