package io.lakeloop.connect.personalize.mapping;

import io.lakeloop.event.EventField;
import io.lakeloop.event.EventIds;
import io.lakeloop.event.FieldNames;
import io.lakeloop.event.Interaction;
import io.lakeloop.event.InteractionParser;
import io.lakeloop.event.InvalidEventException;
import io.lakeloop.event.ParseResult;
import io.lakeloop.event.RecordValues;
import io.lakeloop.event.Rejection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.connect.sink.SinkRecord;
import software.amazon.awssdk.services.personalizeevents.model.ActionInteraction;

/**
 * A record in either shape of the event contract → one PutActionInteractions {@link ActionInteraction} per event:
 * a flat record is one, a tracker batch one per event of its list. The event fields (user, session, event type,
 * timestamp, event id, recommendation id, impression, properties) are read and validated by lakeloop-core's
 * {@link InteractionParser} exactly as for PutEvents; the action id comes from the configured id fields, of the event
 * first, then of the record (a batch of interactions with one action). An event without an action id is rejected on
 * its own, like any other bad event of a batch.
 */
public final class ActionInteractionMapper implements RecordMapper {

    private final InteractionParser parser;
    private final FieldNames names;
    private final List<String> actionIdFields;
    private final boolean idFromPosition;

    public ActionInteractionMapper(InteractionParser parser, FieldNames names, List<String> actionIdFields,
                                   boolean idFromPosition) {
        this.parser = Objects.requireNonNull(parser, "parser");
        this.names = Objects.requireNonNull(names, "names");
        this.actionIdFields = List.copyOf(actionIdFields);
        this.idFromPosition = idFromPosition;
    }

    @Override
    public Mapped map(SinkRecord record) {
        Map<String, Object> fields;
        try {
            fields = RecordValues.toMap(record.value());
        } catch (InvalidEventException ex) {
            return Mapped.rejected(ex.rejection());
        }
        ParseResult result = parser.parse(fields, idFromPosition ? index -> EventIds.fromPosition(
                record.originalTopic(), record.originalKafkaPartition(), record.originalKafkaOffset(), index) : null);
        List<Rejection> rejections = new ArrayList<>(result.rejections());
        List<Mapped.Part> parts = new ArrayList<>(result.events().size());
        List<?> rawEvents = eventList(fields);
        int[] indexes = EventIndexes.of(result);
        for (int i = 0; i < indexes.length; i++) {
            int index = indexes[i];
            Map<?, ?> raw = rawEvents == null ? fields : (Map<?, ?>) rawEvents.get(index);
            try {
                String actionId = actionId(raw, fields);
                parts.add(new Mapped.Part(GroupKey.NONE, toInteraction(result.events().get(i), actionId), index));
            } catch (InvalidEventException ex) {
                rejections.add(rawEvents == null ? ex.rejection() : ex.rejection().atEvent(index));
            }
        }
        return new Mapped(parts, rejections);
    }

    /** The record's event list, as the parser found it, or {@code null} for a flat record. */
    private List<?> eventList(Map<String, Object> fields) {
        for (String name : names.namesOf(EventField.EVENT_LIST)) {
            if (fields.get(name) instanceof List<?> list) {
                return list;
            }
        }
        return null;
    }

    /** The event's own action id, else the record's (checked for type and 1..256 characters). */
    @SuppressWarnings("unchecked")
    private String actionId(Map<?, ?> event, Map<String, Object> record) {
        if (event != record) {
            for (String name : actionIdFields) {
                if (event.get(name) != null) {
                    return DatasetRecordMapper.readId((Map<String, Object>) event, actionIdFields);
                }
            }
        }
        return DatasetRecordMapper.readId(record, actionIdFields);
    }

    private static ActionInteraction toInteraction(Interaction e, String actionId) {
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
        return b.build();
    }
}
