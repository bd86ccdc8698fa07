package io.lakeloop.connect.personalize.client;

import io.lakeloop.connect.personalize.PendingRecord;
import io.lakeloop.connect.personalize.mapping.GroupKey;
import java.util.Objects;

/**
 * One SDK model object to send, the group it belongs to, the Kafka record it came from and the index of its event in
 * that record's event list (0 for a flat or dataset record).
 */
public record Entry(PendingRecord origin, GroupKey key, Object payload, int index) {

    public Entry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(payload, "payload");
    }

    @Override
    public String toString() {
        return "Entry[" + (origin == null ? "-" : origin.position()) + "]";
    }
}
