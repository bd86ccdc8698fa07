package io.lakeloop.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One run's events as Personalize (the emulator) accepted them: every delivery in order, when each id was first
 * accepted, and each repeated delivery of an id with both times (the at-least-once design allows repeats; the demo
 * counts them and says where they came from). Thread-safe: filled by the {@link AcceptedFeed}'s thread.
 */
public final class AcceptedEvents {

    /** A second (third, …) delivery of an event id. */
    public record Repeat(String eventId, long firstAcceptedMs, long acceptedMs) {
    }

    private final String runPrefix;
    private final List<String> deliveries = new ArrayList<>();
    private final Map<String, Long> firstAccepted = new HashMap<>();
    private final List<Repeat> repeats = new ArrayList<>();

    public AcceptedEvents(String runPrefix) {
        this.runPrefix = Objects.requireNonNull(runPrefix, "runPrefix");
    }

    /** One event from the emulator's {@code /_emulator/events} (with its {@code acceptedAtMs}). */
    public synchronized void accept(JsonNode event) {
        String id = event.path("eventId").asText("");
        if (!id.startsWith(runPrefix)) {
            return;
        }
        long at = event.path("acceptedAtMs").asLong(0);
        deliveries.add(id);
        Long first = firstAccepted.putIfAbsent(id, at);
        if (first != null) {
            repeats.add(new Repeat(id, first, at));
        }
    }

    /** Every delivery, repeats included, in the order accepted. */
    public synchronized List<String> deliveries() {
        return List.copyOf(deliveries);
    }

    public synchronized int distinct() {
        return firstAccepted.size();
    }

    public synchronized boolean contains(String eventId) {
        return firstAccepted.containsKey(eventId);
    }

    /** When {@code eventId} was first accepted (epoch ms; 0 when the emulator did not say), or -1 when not yet. */
    public synchronized long firstAcceptedMs(String eventId) {
        return firstAccepted.getOrDefault(eventId, -1L);
    }

    public synchronized List<Repeat> repeats() {
        return List.copyOf(repeats);
    }
}
