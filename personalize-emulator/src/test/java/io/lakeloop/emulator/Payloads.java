package io.lakeloop.emulator;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.personalizeevents.model.Event;

/** Test data of exact sizes. */
final class Payloads {

    static final String DATASET = "arn:aws:personalize:us-east-1:123456789012:dataset/shop/";
    static final Instant SENT_AT = Instant.ofEpochSecond(1_700_000_000L, 123_000_000);

    private Payloads() {
    }

    static String chars(int length) {
        return "x".repeat(length);
    }

    /** A JSON object string of exactly {@code length} characters (at least 8). */
    static String jsonOfLength(int length) {
        return "{\"k\":\"" + "x".repeat(length - 8) + "\"}";
    }

    static List<String> ids(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "item-" + i).toList();
    }

    static Event.Builder event() {
        return Event.builder().eventType("click").itemId("item-1").sentAt(SENT_AT);
    }

    static List<Event> events(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> event().itemId("item-" + i).build()).toList();
    }
}
