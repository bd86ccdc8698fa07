package io.lakeloop.connect.personalize.mapping;

import io.lakeloop.event.Rejection;
import java.util.List;

/**
 * What one Kafka record yielded: the SDK model objects to send (each with the group it must be sent in and its
 * event's index in the record), in record order, and the rejections of its bad parts. Both may be non-empty (a
 * tracker batch with one bad event).
 */
public record Mapped(List<Part> parts, List<Rejection> rejections) {

    public Mapped {
        parts = List.copyOf(parts);
        rejections = List.copyOf(rejections);
    }

    public static Mapped rejected(Rejection rejection) {
        return new Mapped(List.of(), List.of(rejection));
    }

    /**
     * One record to send: an SDK {@code Event}, {@code Item}, {@code User}, {@code Action} or
     * {@code ActionInteraction}, and the index of its event in the record's event list (0 for a flat record).
     */
    public record Part(GroupKey key, Object payload, int index) {
    }
}
