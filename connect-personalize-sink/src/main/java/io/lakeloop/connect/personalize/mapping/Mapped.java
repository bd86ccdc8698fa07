package io.lakeloop.connect.personalize.mapping;

import io.lakeloop.event.Rejection;
import java.util.List;

/**
 * What one Kafka record yielded: the SDK model objects to send (each with the group it must be sent in), in record
 * order, and the rejections of its bad parts. Both may be non-empty (a tracker batch with one bad event).
 */
public record Mapped(List<Part> parts, List<Rejection> rejections) {

    public Mapped {
        parts = List.copyOf(parts);
        rejections = List.copyOf(rejections);
    }

    public static Mapped rejected(Rejection rejection) {
        return new Mapped(List.of(), List.of(rejection));
    }

    /** One record to send: an SDK {@code Event}, {@code Item}, {@code User}, {@code Action} or {@code ActionInteraction}. */
    public record Part(GroupKey key, Object payload) {
    }
}
