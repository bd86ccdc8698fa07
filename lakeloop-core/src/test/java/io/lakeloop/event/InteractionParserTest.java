package io.lakeloop.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class InteractionParserTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC);
    private final InteractionParser parser = new InteractionParser(FieldNames.defaults(),
            new TimestampNormalizer(TimestampUnit.AUTO, Duration.ofDays(1), null, CLOCK), ValidationTarget.PUT_EVENTS);
    private final InteractionParser lakeParser = new InteractionParser(FieldNames.defaults(),
            new TimestampNormalizer(TimestampUnit.AUTO, Duration.ofDays(1), null, CLOCK), ValidationTarget.LAKE);

    static final String SEED_BATCH = """
            {"user_id": "u1", "session_id": "s1", "event_list": [
              {"eventType": "click", "itemId": "i9", "sentAt": 1700000000, "eventId": "e-1", "eventValue": 1.5,
               "properties": "{\\"k\\":\\"v\\"}", "recommendationId": "r-1", "impression": ["i1","i9"]},
              {"eventType": "view", "itemId": "i3", "sentAt": 1700000001500}
            ]}""";

    /** A caller's id source (a connector's topic/partition/offset ids) replaces content ids, by list index. */
    @Test
    void derivesMissingEventIdsFromTheCallersSourceByIndexInTheList() {
        String batch = """
                {"user_id": "u1", "session_id": "s1", "event_list": [
                  {"eventType": "view", "itemId": "i1", "sentAt": 1700000000},
                  {"eventType": "", "itemId": "i2", "sentAt": 1700000000},
                  {"eventType": "click", "itemId": "i3", "sentAt": 1700000000, "eventId": "e-own"},
                  {"eventType": "view", "itemId": "i4", "sentAt": 1700000000}
                ]}""";
        ParseResult r = parser.parse(batch, i -> "pos-" + i);
        assertThat(r.rejections()).extracting(Rejection::eventIndex).containsExactly(1);
        assertThat(r.events()).extracting(Interaction::eventId).containsExactly("pos-0", "e-own", "pos-3");
        assertThat(r.events()).extracting(Interaction::eventIdDerived).containsExactly(true, false, true);

        ParseResult flat = parser.parse("{\"user_id\":\"u\",\"session_id\":\"s\",\"event_type\":\"view\",\"item_id\":\"i\","
                + "\"timestamp\":1700000000}", i -> "pos-" + i);
        assertThat(flat.events()).extracting(Interaction::eventId).containsExactly("pos-0");
        assertThat(parser.parse(batch).events().get(0).eventId()).as("no source: a content id")
                .isNotEqualTo("pos-0").hasSize(32);
    }

    @Test
    void parsesTheSeedsTrackerBatch() {
        ParseResult r = parser.parse(SEED_BATCH);
        assertThat(r.rejections()).isEmpty();
        assertThat(r.events()).hasSize(2);
        Interaction first = r.events().get(0);
        assertThat(first.userId()).isEqualTo("u1");
        assertThat(first.sessionId()).isEqualTo("s1");
        assertThat(first.eventType()).isEqualTo("click");
        assertThat(first.itemId()).isEqualTo("i9");
        assertThat(first.epochSeconds()).isEqualTo(1_700_000_000L);
        assertThat(first.eventValue()).isEqualTo(1.5);
        assertThat(first.eventId()).isEqualTo("e-1");
        assertThat(first.eventIdDerived()).isFalse();
        assertThat(first.properties()).isEqualTo("{\"k\":\"v\"}");
        assertThat(first.recommendationId()).isEqualTo("r-1");
        assertThat(first.impression()).containsExactly("i1", "i9");
        Interaction second = r.events().get(1);
        assertThat(second.epochSeconds()).isEqualTo(1_700_000_001L);
        assertThat(second.epochSecondsWithFraction()).isEqualTo(1_700_000_001.5);
        assertThat(second.eventIdDerived()).isTrue();
        assertThat(second.eventId()).hasSize(32);
    }

    @Test
    void parsesAFlatEventWithAnObjectForProperties() {
        ParseResult r = parser.parse("""
                {"user_id": "u1", "session_id": "s1", "item_id": "i9", "event_type": "click",
                 "timestamp": "2023-11-14T22:13:20Z", "event_value": 2, "event_id": "e-7", "properties": {"n": 1}}""");
        assertThat(r.rejections()).isEmpty();
        Interaction e = r.events().get(0);
        assertThat(e.itemId()).isEqualTo("i9");
        assertThat(e.epochSeconds()).isEqualTo(1_700_000_000L);
        assertThat(e.eventValue()).isEqualTo(2.0);
        assertThat(e.properties()).isEqualTo("{\"n\":1}");
    }

    @Test
    void bytesMapsAndStructsParseAlike() {
        String json = "{\"userId\":\"u1\",\"sessionId\":\"s1\",\"itemId\":\"i9\",\"eventType\":\"click\",\"sentAt\":1700000000}";
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("userId", "u1");
        map.put("sessionId", "s1");
        map.put("itemId", "i9");
        map.put("eventType", "click");
        map.put("sentAt", 1_700_000_000L);
        Schema schema = SchemaBuilder.struct().field("userId", Schema.STRING_SCHEMA)
                .field("sessionId", Schema.STRING_SCHEMA).field("itemId", Schema.STRING_SCHEMA)
                .field("eventType", Schema.STRING_SCHEMA).field("sentAt", Schema.INT64_SCHEMA).build();
        Struct struct = new Struct(schema).put("userId", "u1").put("sessionId", "s1").put("itemId", "i9")
                .put("eventType", "click").put("sentAt", 1_700_000_000L);

        List<Interaction> fromString = parser.parse(json).events();
        assertThat(fromString).hasSize(1);
        assertThat(parser.parse(json.getBytes(StandardCharsets.UTF_8)).events()).isEqualTo(fromString);
        assertThat(parser.parse(map).events()).isEqualTo(fromString);
        assertThat(parser.parse(struct).events()).isEqualTo(fromString);
    }

    @Test
    void structTrackerBatchWithNestedEventList() {
        Schema event = SchemaBuilder.struct().field("eventType", Schema.STRING_SCHEMA)
                .field("itemId", Schema.OPTIONAL_STRING_SCHEMA).field("sentAt", Schema.FLOAT64_SCHEMA).build();
        Schema batch = SchemaBuilder.struct().field("user_id", Schema.STRING_SCHEMA)
                .field("session_id", Schema.STRING_SCHEMA).field("event_list", SchemaBuilder.array(event).build()).build();
        Struct s = new Struct(batch).put("user_id", "u1").put("session_id", "s1")
                .put("event_list", List.of(new Struct(event).put("eventType", "click").put("itemId", "i1").put("sentAt", 1.7e9)));
        ParseResult r = parser.parse(s);
        assertThat(r.rejections()).isEmpty();
        assertThat(r.events()).singleElement().satisfies(e -> {
            assertThat(e.itemId()).isEqualTo("i1");
            assertThat(e.epochSeconds()).isEqualTo(1_700_000_000L);
        });
    }

    @Test
    void configurableFieldNames() {
        InteractionParser custom = new InteractionParser(
                FieldNames.defaults().with(EventField.USER_ID, "customer").with(EventField.ITEM_ID, "sku"),
                TimestampNormalizer.defaults(), ValidationTarget.LAKE);
        ParseResult r = custom.parse("{\"customer\":\"c1\",\"session_id\":\"s\",\"sku\":\"p1\",\"event_type\":\"buy\",\"timestamp\":1700000000}");
        assertThat(r.rejections()).isEmpty();
        assertThat(r.events().get(0).userId()).isEqualTo("c1");
        assertThat(r.events().get(0).itemId()).isEqualTo("p1");
        // the default name is no longer read
        ParseResult old = custom.parse("{\"user_id\":\"c1\",\"session_id\":\"s\",\"sku\":\"p1\",\"event_type\":\"buy\",\"timestamp\":1700000000}");
        assertThat(old.rejections()).singleElement().satisfies(rej -> {
            assertThat(rej.code()).isEqualTo(ReasonCode.MISSING_FIELD);
            assertThat(rej.field()).isEqualTo("customer");
        });
    }

    @Test
    void overridesFromAConfigMap() {
        FieldNames names = FieldNames.defaults().withOverrides(Map.of("user_id", "uid, customer", "item_id", " "));
        assertThat(names.namesOf(EventField.USER_ID)).containsExactly("uid", "customer");
        assertThat(names.namesOf(EventField.ITEM_ID)).isEqualTo(EventField.ITEM_ID.defaultNames());
    }

    @Test
    void aBadEventInABatchDoesNotHoldBackTheGoodOnes() {
        ParseResult r = parser.parse("""
                {"user_id": "u1", "session_id": "s1", "event_list": [
                  {"eventType": "click", "itemId": "i1", "sentAt": 1700000000},
                  {"itemId": "i2", "sentAt": 1700000000},
                  "not-an-object",
                  {"eventType": "click", "itemId": "i3", "sentAt": 1700000002}
                ]}""");
        assertThat(r.events()).extracting(Interaction::itemId).containsExactly("i1", "i3");
        assertThat(r.rejections()).extracting(Rejection::eventIndex).containsExactly(1, 2);
        assertThat(r.rejections()).extracting(Rejection::code).containsExactly(ReasonCode.MISSING_FIELD, ReasonCode.WRONG_TYPE);
        assertThat(r.fullyValid()).isFalse();
    }

    @Test
    void derivedIdsAreDeterministicAndContentSensitive() {
        String a = "{\"user_id\":\"u\",\"session_id\":\"s\",\"item_id\":\"i\",\"event_type\":\"click\",\"timestamp\":1700000000}";
        String b = "{\"user_id\":\"u\",\"session_id\":\"s\",\"item_id\":\"i\",\"event_type\":\"click\",\"timestamp\":1700000001}";
        String id1 = parser.parse(a).events().get(0).eventId();
        assertThat(parser.parse(a).events().get(0).eventId()).isEqualTo(id1);
        assertThat(parser.parse(b).events().get(0).eventId()).isNotEqualTo(id1);
        assertThat(EventIds.fromContent("ab", "c", "t", null, 1, null, null, null, List.of()))
                .isNotEqualTo(EventIds.fromContent("a", "bc", "t", null, 1, null, null, null, List.of()));
        assertThat(EventIds.fromPosition("t", 0, 5, 1)).isEqualTo(EventIds.fromPosition("t", 0, 5, 1))
                .isNotEqualTo(EventIds.fromPosition("t", 0, 5, 2)).hasSize(32);
    }

    @Test
    void lakeTargetRequiresUserAndItemWhilePutEventsDoesNot() {
        String anonymous = "{\"session_id\":\"s\",\"event_type\":\"view\",\"timestamp\":1700000000}";
        assertThat(parser.parse(anonymous).rejections()).isEmpty();
        assertThat(lakeParser.parse(anonymous).rejections()).singleElement()
                .satisfies(r -> assertThat(r.field()).isEqualTo("user_id"));
        String noItem = "{\"user_id\":\"u\",\"session_id\":\"s\",\"event_type\":\"view\",\"timestamp\":1700000000}";
        assertThat(lakeParser.parse(noItem).rejections()).singleElement()
                .satisfies(r -> assertThat(r.field()).isEqualTo("item_id"));
    }

    @Test
    void numericIdsAreReadAsStrings() {
        ParseResult r = parser.parse("{\"user_id\":42,\"session_id\":\"s\",\"item_id\":7,\"event_type\":\"view\",\"timestamp\":1700000000}");
        assertThat(r.events().get(0).userId()).isEqualTo("42");
        assertThat(r.events().get(0).itemId()).isEqualTo("7");
    }
}
