package io.lakeloop.cli.demo;

import java.util.List;
import java.util.Objects;

/**
 * One Kafka record of the demo's clickstream: key (the user id, or the session id of an anonymous visitor), the JSON
 * value in one of the two payload shapes (or a deliberately broken value), the event time as record timestamp, and
 * the events it carries.
 */
public record DemoRecord(String key, String value, long timestampMs, List<ExpectedEvent> events) {

    public DemoRecord {
        Objects.requireNonNull(value, "value");
        events = List.copyOf(events);
    }
}
