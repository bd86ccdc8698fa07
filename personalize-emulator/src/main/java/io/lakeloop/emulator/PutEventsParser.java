package io.lakeloop.emulator;

import static io.lakeloop.event.PersonalizeLimits.EVENT_ATTRIBUTION_SOURCE_MAX_LENGTH;
import static io.lakeloop.event.PersonalizeLimits.EVENT_ATTRIBUTION_SOURCE_PATTERN;
import static io.lakeloop.event.PersonalizeLimits.EVENT_PROPERTIES_MAX_LENGTH;
import static io.lakeloop.event.PersonalizeLimits.ID_MAX_LENGTH;
import static io.lakeloop.event.PersonalizeLimits.ID_MIN_LENGTH;
import static io.lakeloop.event.PersonalizeLimits.MAX_RECORDS_PER_CALL;
import static io.lakeloop.event.PersonalizeLimits.MIN_RECORDS_PER_CALL;
import static io.lakeloop.event.PersonalizeLimits.RECOMMENDATION_ID_MAX_LENGTH;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/** {@code PutEventsRequest}: trackingId, sessionId and 1..10 events required; userId optional. */
final class PutEventsParser implements RequestParser {

    @Override
    public ValidCall parse(JsonNode body) {
        RequestReader in = new RequestReader();
        String trackingId = in.string(body, "trackingId", "", true, ID_MIN_LENGTH, ID_MAX_LENGTH);
        String userId = in.string(body, "userId", "", false, ID_MIN_LENGTH, ID_MAX_LENGTH);
        String sessionId = in.string(body, "sessionId", "", true, ID_MIN_LENGTH, ID_MAX_LENGTH);
        List<JsonNode> events = in.list(body, "eventList", "", true, MIN_RECORDS_PER_CALL, MAX_RECORDS_PER_CALL);
        List<LongFunction<Object>> records = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            String path = RequestReader.memberPath("eventList", i);
            JsonNode event = in.structure(events.get(i), path);
            String eventId = in.string(event, "eventId", path, false, ID_MIN_LENGTH, ID_MAX_LENGTH);
            String eventType = in.string(event, "eventType", path, true, ID_MIN_LENGTH, ID_MAX_LENGTH);
            Float eventValue = in.floatValue(event, "eventValue", path);
            String itemId = in.string(event, "itemId", path, false, ID_MIN_LENGTH, ID_MAX_LENGTH);
            String properties = in.properties(event, path, EVENT_PROPERTIES_MAX_LENGTH, true);
            BigDecimal sentAt = in.timestamp(event, "sentAt", path, true);
            String recommendationId = in.string(event, "recommendationId", path, false,
                    ID_MIN_LENGTH, RECOMMENDATION_ID_MAX_LENGTH);
            List<String> impression = in.impression(event, path);
            String source = attributionSource(in, event, path);
            records.add(seq -> new RecordedEvent(seq, trackingId, userId, sessionId, eventId, eventType, eventValue,
                    itemId, properties, sentAt, recommendationId, impression, source));
        }
        in.violations().throwIfAny();
        return new ValidCall(trackingId, records);
    }

    /** {@code metricAttribution}: a structure whose {@code eventAttributionSource} is required. */
    private static String attributionSource(RequestReader in, JsonNode event, String eventPath) {
        JsonNode attribution = event.get("metricAttribution");
        if (attribution == null || attribution.isNull()) {
            return null;
        }
        String path = RequestReader.child(eventPath, "metricAttribution");
        in.structure(attribution, path);
        String source = in.string(attribution, "eventAttributionSource", path, true,
                0, EVENT_ATTRIBUTION_SOURCE_MAX_LENGTH);
        if (source != null && !EVENT_ATTRIBUTION_SOURCE_PATTERN.matcher(source).matches()) {
            in.violations().failed(RequestReader.child(path, "eventAttributionSource"),
                    "Member must satisfy regular expression pattern: " + EVENT_ATTRIBUTION_SOURCE_PATTERN.pattern());
        }
        return source;
    }
}
