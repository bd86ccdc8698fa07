package io.lakeloop.connect.personalize.client;

import io.lakeloop.connect.personalize.mapping.GroupKey;
import java.util.List;

/** Up to ten entries of one group, in the order their records arrived: the body of one API call. */
public record Batch(GroupKey key, List<Entry> entries) {

    public Batch {
        entries = List.copyOf(entries);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("a batch holds at least one entry");
        }
    }

    public int size() {
        return entries.size();
    }

    /** The first and second halves, for isolating a record the service rejects. */
    public List<Batch> halves() {
        int mid = entries.size() / 2;
        return List.of(new Batch(key, entries.subList(0, mid)), new Batch(key, entries.subList(mid, entries.size())));
    }
}
