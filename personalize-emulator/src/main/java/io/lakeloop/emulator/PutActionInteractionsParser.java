package io.lakeloop.emulator;

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

/**
 * {@code PutActionInteractionsRequest}: trackingId and 1..10 interactions, each with actionId, sessionId, timestamp
 * and eventType required. Properties obey the same reserved keys as event properties.
 */
final class PutActionInteractionsParser implements RequestParser {

    @Override
    public ValidCall parse(JsonNode body) {
        RequestReader in = new RequestReader();
        String trackingId = in.string(body, "trackingId", "", true, ID_MIN_LENGTH, ID_MAX_LENGTH);
        List<JsonNode> entries = in.list(body, "actionInteractions", "", true,
                MIN_RECORDS_PER_CALL, MAX_RECORDS_PER_CALL);
        List<LongFunction<Object>> records = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            String path = RequestReader.memberPath("actionInteractions", i);
            JsonNode entry = in.structure(entries.get(i), path);
            String actionId = in.string(entry, "actionId", path, true, ID_MIN_LENGTH, ID_MAX_LENGTH);
            String userId = in.string(entry, "userId", path, false, ID_MIN_LENGTH, ID_MAX_LENGTH);
            String sessionId = in.string(entry, "sessionId", path, true, ID_MIN_LENGTH, ID_MAX_LENGTH);
            BigDecimal timestamp = in.timestamp(entry, "timestamp", path, true);
            String eventType = in.string(entry, "eventType", path, true, ID_MIN_LENGTH, ID_MAX_LENGTH);
            String eventId = in.string(entry, "eventId", path, false, ID_MIN_LENGTH, ID_MAX_LENGTH);
            String recommendationId = in.string(entry, "recommendationId", path, false,
                    ID_MIN_LENGTH, RECOMMENDATION_ID_MAX_LENGTH);
            List<String> impression = in.impression(entry, path);
            String properties = in.properties(entry, path, EVENT_PROPERTIES_MAX_LENGTH, true);
            records.add(seq -> new RecordedActionInteraction(seq, trackingId, actionId, userId, sessionId, timestamp,
                    eventType, eventId, recommendationId, impression, properties));
        }
        in.violations().throwIfAny();
        return new ValidCall(trackingId, records);
    }
}
