package io.lakeloop.event;

import java.util.List;

/**
 * What one record yielded: the valid events, in their order in the record, and a rejection for each event (or for
 * the whole record) that is not valid. A tracker batch can yield both: its valid events go on, each invalid one is
 * reported with its index.
 */
public record ParseResult(List<Interaction> events, List<Rejection> rejections) {

    public ParseResult {
        events = List.copyOf(events);
        rejections = List.copyOf(rejections);
    }

    public static ParseResult rejected(Rejection rejection) {
        return new ParseResult(List.of(), List.of(rejection));
    }

    public boolean fullyValid() {
        return rejections.isEmpty();
    }
}
