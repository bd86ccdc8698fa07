package io.lakeloop.connect.personalize.mapping;

import io.lakeloop.event.ParseResult;
import io.lakeloop.event.Rejection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Where each valid event of a parsed record sits in its event list: the indexes not rejected, in order. */
final class EventIndexes {

    private EventIndexes() {
    }

    /**
     * The index of each of {@code result.events()}: the parser keeps events in record order and rejects each bad
     * event of a tracker batch once, with its index; a flat record is event 0.
     */
    static int[] of(ParseResult result) {
        Set<Integer> rejected = new HashSet<>();
        for (Rejection r : result.rejections()) {
            if (r.eventIndex() >= 0) {
                rejected.add(r.eventIndex());
            }
        }
        int[] indexes = new int[result.events().size()];
        int next = 0;
        for (int i = 0; next < indexes.length; i++) {
            if (!rejected.contains(i)) {
                indexes[next++] = i;
            }
        }
        return indexes;
    }

    /** The rejections about one event (not about the whole record). */
    static List<Rejection> ofEvents(List<Rejection> rejections) {
        List<Rejection> out = new ArrayList<>();
        for (Rejection r : rejections) {
            if (r.eventIndex() >= 0) {
                out.add(r);
            }
        }
        return out;
    }
}
