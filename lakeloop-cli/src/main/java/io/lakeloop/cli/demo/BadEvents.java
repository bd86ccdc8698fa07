package io.lakeloop.cli.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakeloop.event.PersonalizeLimits;
import io.lakeloop.event.ReasonCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The deliberately broken events of the demo, one kind after the other: each is invalid both for PutEvents and for
 * the lake, so Personalize never receives it and the collator dead-letters it with the reason listed here.
 */
final class BadEvents {

    static final int KINDS = 8;
    /** How deep the nested record is: five times Jackson's read limit (1,000), the record that once stopped the stack. */
    static final int NESTING_DEPTH = 5_000;
    static final int GOOD_EVENTS_IN_MIXED_BATCH = 2;

    private final ClickstreamGenerator generator;

    BadEvents(ClickstreamGenerator generator) {
        this.generator = generator;
    }

    /** The {@code index}-th broken record (kinds cycle). */
    DemoRecord make(int index) {
        String user = generator.randomUser();
        String session = generator.sessionId();
        Instant time = generator.randomTime();
        ObjectNode event = generator.goodEvent("click");
        return switch (index % KINDS) {
            case 0 -> notJson(user, session, time);
            case 1 -> {
                event.remove("eventType");
                yield flat(user, session, event, time, ReasonCode.MISSING_FIELD);
            }
            case 2 -> {
                event.put("properties", "{\"userId\":\"someone-else\",\"page\":\"home\"}");
                yield flat(user, session, event, time, ReasonCode.PROPERTIES_RESERVED_KEY);
            }
            case 3 -> {
                ObjectNode root = Payloads.flatNode(user, session, event);
                root.put("timestamp", "yesterday around noon");
                yield new DemoRecord(user, root.toString(), time.toEpochMilli(), List.of(
                        new ExpectedEvent(event.path("eventId").asText(), user, EventFate.BAD,
                                ReasonCode.TIMESTAMP_UNPARSEABLE)));
            }
            case 4 -> {
                var impression = event.putArray("impression");
                for (int i = 0; i <= PersonalizeLimits.MAX_IMPRESSIONS; i++) {
                    impression.add(generator.itemId(i));
                }
                yield flat(user, session, event, time, ReasonCode.IMPRESSION_SIZE);
            }
            case 5 -> {
                event.put("itemId", "x".repeat(PersonalizeLimits.ID_MAX_LENGTH + 1));
                yield flat(user, session, event, time, ReasonCode.FIELD_TOO_LONG);
            }
            case 6 -> deeplyNested(user, time);
            default -> mixedBatch(user, session, time);
        };
    }

    private static DemoRecord flat(String user, String session, ObjectNode event, Instant time, ReasonCode reason) {
        return Payloads.flat(user, session, event, time, false, user, EventFate.BAD, reason);
    }

    /** Not JSON at all: the whole record is undecodable. */
    private DemoRecord notJson(String user, String session, Instant time) {
        String value = "click " + session + " " + user + " item-00001 at " + time.getEpochSecond();
        return new DemoRecord(user, value, time.toEpochMilli(), List.of(
                new ExpectedEvent(null, user, EventFate.BAD, ReasonCode.UNDECODABLE)));
    }

    /**
     * JSON nested {@link #NESTING_DEPTH} levels deep (~10 KB): every reader refuses it as undecodable, naming the
     * nesting constraint, and each component dead-letters it while the records behind it flow on.
     */
    private static DemoRecord deeplyNested(String user, Instant time) {
        String value = "{\"userId\":\"" + user + "\",\"nested\":" + "[".repeat(NESTING_DEPTH)
                + "]".repeat(NESTING_DEPTH) + "}";
        return new DemoRecord(user, value, time.toEpochMilli(), List.of(
                new ExpectedEvent(null, user, EventFate.BAD, ReasonCode.UNDECODABLE)));
    }

    /** A tracker batch whose middle event has an empty event type: the others still go through. */
    private DemoRecord mixedBatch(String user, String session, Instant time) {
        List<ObjectNode> events = new ArrayList<>();
        events.add(generator.goodEvent("view"));
        ObjectNode broken = generator.goodEvent("click");
        broken.put("eventType", "");
        events.add(broken);
        events.add(generator.goodEvent("click"));
        List<Instant> times = List.of(time, time.plusSeconds(5), time.plusSeconds(9));
        DemoRecord record = Payloads.trackerBatch(user, session, events, times, user, EventFate.GOOD);
        List<ExpectedEvent> expected = new ArrayList<>(record.events());
        expected.set(1, new ExpectedEvent(expected.get(1).eventId(), user, EventFate.BAD, ReasonCode.EMPTY_FIELD));
        return new DemoRecord(record.key(), record.value(), record.timestampMs(), expected);
    }
}
