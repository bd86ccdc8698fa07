package io.lakeloop.connect.personalize.mapping;

import static io.lakeloop.connect.personalize.TestRecords.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakeloop.event.EventIds;
import io.lakeloop.event.FieldNames;
import io.lakeloop.event.InteractionParser;
import io.lakeloop.event.ReasonCode;
import io.lakeloop.event.ValidationTarget;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.personalizeevents.model.ActionInteraction;

class ActionInteractionMapperTest {

    private final ActionInteractionMapper mapper = new ActionInteractionMapper(
            InteractionParser.defaults(ValidationTarget.PUT_EVENTS), FieldNames.defaults(),
            List.of("action_id", "actionId"), true);

    private static List<ActionInteraction> interactions(Mapped m) {
        return m.parts().stream().map(p -> (ActionInteraction) p.payload()).toList();
    }

    @Test
    void mapsAFlatRecordToOneInteractionWithAPositionId() {
        Mapped m = mapper.map(record("ai", 1, 7, "{\"action_id\":\"a1\",\"user_id\":\"u1\",\"session_id\":\"s1\","
                + "\"event_type\":\"Taken\",\"timestamp\":1700000000500}"));

        assertThat(m.rejections()).isEmpty();
        assertThat(m.parts()).singleElement().satisfies(p -> assertThat(p.index()).isZero());
        ActionInteraction ai = interactions(m).get(0);
        assertThat(ai.actionId()).isEqualTo("a1");
        assertThat(ai.userId()).isEqualTo("u1");
        assertThat(ai.timestamp()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_500L));
        assertThat(ai.eventId()).isEqualTo(EventIds.fromPosition("ai", 1, 7, 0));
    }

    /** Issue 11 item 8: every event of a tracker batch is sent, not only the first. */
    @Test
    void mapsEveryEventOfATrackerBatchWithTheRecordsOrItsOwnActionId() {
        Mapped m = mapper.map(record("ai", 0, 3, "{\"user_id\":\"u1\",\"session_id\":\"s1\",\"action_id\":\"a-record\","
                + "\"event_list\":[{\"eventType\":\"Viewed\",\"sentAt\":1700000000},"
                + "{\"eventType\":\"Taken\",\"sentAt\":1700000001,\"actionId\":\"a-own\"},"
                + "{\"eventType\":\"Viewed\",\"sentAt\":1700000002,\"eventId\":\"producer-id\"}]}"));

        assertThat(m.rejections()).isEmpty();
        assertThat(m.parts()).extracting(Mapped.Part::index).containsExactly(0, 1, 2);
        assertThat(interactions(m)).extracting(ActionInteraction::actionId, ActionInteraction::eventType,
                ActionInteraction::eventId).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a-record", "Viewed", EventIds.fromPosition("ai", 0, 3, 0)),
                org.assertj.core.groups.Tuple.tuple("a-own", "Taken", EventIds.fromPosition("ai", 0, 3, 1)),
                org.assertj.core.groups.Tuple.tuple("a-record", "Viewed", "producer-id"));
        assertThat(interactions(m)).extracting(ActionInteraction::userId, ActionInteraction::sessionId)
                .containsOnly(org.assertj.core.groups.Tuple.tuple("u1", "s1"));
    }

    @Test
    void rejectsOnlyTheBadEventsOfABatchEachWithItsIndex() {
        Mapped m = mapper.map(record("ai", 0, 4, "{\"user_id\":\"u1\",\"session_id\":\"s1\",\"event_list\":["
                + "{\"eventType\":\"Viewed\",\"sentAt\":1700000000,\"action_id\":\"a0\"},"
                + "{\"sentAt\":1700000001,\"action_id\":\"a1\"},"
                + "{\"eventType\":\"Taken\",\"sentAt\":1700000002},"
                + "{\"eventType\":\"Taken\",\"sentAt\":1700000003,\"action_id\":\"a3\"}]}"));

        assertThat(m.parts()).extracting(Mapped.Part::index).containsExactly(0, 3);
        assertThat(interactions(m)).extracting(ActionInteraction::actionId).containsExactly("a0", "a3");
        assertThat(m.rejections()).extracting(r -> r.eventIndex() + ":" + r.code())
                .containsExactlyInAnyOrder("1:" + ReasonCode.MISSING_FIELD, "2:" + ReasonCode.MISSING_FIELD);
        assertThat(m.rejections()).filteredOn(r -> r.eventIndex() == 2).singleElement()
                .satisfies(r -> assertThat(r.field()).isEqualTo("action_id"));
    }

    @Test
    void rejectsAFlatRecordWithoutActionIdAsAWhole() {
        Mapped m = mapper.map(record("ai", 0, 5, "{\"user_id\":\"u1\",\"session_id\":\"s1\",\"event_type\":\"Taken\","
                + "\"timestamp\":1700000000}"));

        assertThat(m.parts()).isEmpty();
        assertThat(m.rejections()).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo(ReasonCode.MISSING_FIELD);
            assertThat(r.eventIndex()).isEqualTo(-1);
        });
    }
}
