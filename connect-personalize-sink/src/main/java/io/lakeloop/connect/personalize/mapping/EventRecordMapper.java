package io.lakeloop.connect.personalize.mapping;

import io.lakeloop.event.EventIds;
import io.lakeloop.event.Interaction;
import io.lakeloop.event.InteractionParser;
import io.lakeloop.event.ParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.connect.sink.SinkRecord;
import software.amazon.awssdk.services.personalizeevents.model.Event;
import software.amazon.awssdk.services.personalizeevents.model.MetricAttribution;

/**
 * A record in either shape of the event contract → PutEvents {@link Event}s grouped by (user id, session id).
 * Parsing and validation are lakeloop-core's {@link InteractionParser}; an event without a producer id gets
 * {@link EventIds#fromPosition} (topic, partition, offset, index in the record) so that a record delivered twice is
 * the same events to Personalize, or keeps the content-derived id in {@code content} mode.
 */
public final class EventRecordMapper implements RecordMapper {

    private final InteractionParser parser;
    private final boolean idFromPosition;

    public EventRecordMapper(InteractionParser parser, boolean idFromPosition) {
        this.parser = Objects.requireNonNull(parser, "parser");
        this.idFromPosition = idFromPosition;
    }

    @Override
    public Mapped map(SinkRecord record) {
        ParseResult result = parser.parse(record.value(), idFromPosition ? index -> EventIds.fromPosition(
                record.originalTopic(), record.originalKafkaPartition(), record.originalKafkaOffset(), index) : null);
        List<Mapped.Part> parts = new ArrayList<>(result.events().size());
        int[] indexes = EventIndexes.of(result);
        for (int i = 0; i < indexes.length; i++) {
            Interaction e = result.events().get(i);
            parts.add(new Mapped.Part(new GroupKey(e.userId(), e.sessionId()), toEvent(e), indexes[i]));
        }
        return new Mapped(parts, result.rejections());
    }

    static Event toEvent(Interaction e) {
        Event.Builder b = Event.builder()
                .eventId(e.eventId())
                .eventType(e.eventType())
                .itemId(e.itemId())
                .sentAt(e.sentAt())
                .properties(e.properties())
                .recommendationId(e.recommendationId());
        if (e.eventValue() != null) {
            // validated to lie within float range; JSON numbers arrive as Double
            b.eventValue(e.eventValue().floatValue());
        }
        if (!e.impression().isEmpty()) {
            b.impression(e.impression());
        }
        if (e.metricAttributionSource() != null) {
            b.metricAttribution(MetricAttribution.builder().eventAttributionSource(e.metricAttributionSource()).build());
        }
        return b.build();
    }
}
