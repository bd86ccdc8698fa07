package io.lakeloop.connect.personalize.mapping;

import io.lakeloop.event.EventIds;
import io.lakeloop.event.Interaction;
import io.lakeloop.event.InteractionParser;
import io.lakeloop.event.InvalidEventException;
import io.lakeloop.event.ParseResult;
import io.lakeloop.event.RecordValues;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.connect.sink.SinkRecord;
import software.amazon.awssdk.services.personalizeevents.model.ActionInteraction;

/**
 * A flat record → one PutActionInteractions {@link ActionInteraction}. The event fields (user, session, event type,
 * timestamp, event id, recommendation id, impression, properties) are read and validated by lakeloop-core's
 * {@link InteractionParser} exactly as for PutEvents; the action id comes from the configured id fields.
 */
public final class ActionInteractionMapper implements RecordMapper {

    private final InteractionParser parser;
    private final List<String> actionIdFields;
    private final boolean idFromPosition;

    public ActionInteractionMapper(InteractionParser parser, List<String> actionIdFields, boolean idFromPosition) {
        this.parser = Objects.requireNonNull(parser, "parser");
        this.actionIdFields = List.copyOf(actionIdFields);
        this.idFromPosition = idFromPosition;
    }

    @Override
    public Mapped map(SinkRecord record) {
        try {
            Map<String, Object> fields = RecordValues.toMap(record.value());
            ParseResult result = parser.parse(fields, idFromPosition ? index -> EventIds.fromPosition(
                    record.originalTopic(), record.originalKafkaPartition(), record.originalKafkaOffset(), index) : null);
            if (!result.rejections().isEmpty()) {
                return new Mapped(List.of(), result.rejections());
            }
            String actionId = DatasetRecordMapper.readId(fields, actionIdFields);
            Interaction e = result.events().get(0);
            ActionInteraction.Builder b = ActionInteraction.builder()
                    .actionId(actionId)
                    .userId(e.userId())
                    .sessionId(e.sessionId())
                    .timestamp(e.sentAt())
                    .eventType(e.eventType())
                    .eventId(e.eventId())
                    .recommendationId(e.recommendationId())
                    .properties(e.properties());
            if (!e.impression().isEmpty()) {
                b.impression(e.impression());
            }
            return new Mapped(List.of(new Mapped.Part(GroupKey.NONE, b.build())), List.of());
        } catch (InvalidEventException ex) {
            return Mapped.rejected(ex.rejection());
        }
    }
}
