package io.lakeloop.connect.personalize.client;

import io.lakeloop.connect.personalize.PendingRecord;
import io.lakeloop.connect.personalize.mapping.GroupKey;
import java.util.Objects;

/** One SDK model object to send, the group it belongs to, and the Kafka record it came from. */
public record Entry(PendingRecord origin, GroupKey key, Object payload) {

    public Entry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(payload, "payload");
    }

    @Override
    public String toString() {
        return "Entry[" + (origin == null ? "-" : origin.position()) + "]";
    }
}
