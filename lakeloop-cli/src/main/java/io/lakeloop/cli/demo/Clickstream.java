package io.lakeloop.cli.demo;

import io.lakeloop.event.ReasonCode;
import java.time.LocalDate;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A generated clickstream and what every stage of the loop must make of it. Every id of a run starts with
 * {@link #runId()}, so one run's events can be told apart from earlier runs' in topics and buckets that persist.
 *
 * @param day the UTC day every event falls on (the lake partition the exporter reads)
 */
public record Clickstream(String runId, LocalDate day, List<DemoRecord> records) {

    public Clickstream {
        records = List.copyOf(records);
    }

    public List<ExpectedEvent> events() {
        return records.stream().flatMap(r -> r.events().stream()).toList();
    }

    public long count(EventFate... fates) {
        Set<EventFate> wanted = EnumSet.copyOf(List.of(fates));
        return events().stream().filter(e -> wanted.contains(e.fate())).count();
    }

    /** Event ids of the given fates (what Personalize must hold: GOOD and ANONYMOUS; the lake: GOOD). */
    public Set<String> eventIds(EventFate... fates) {
        Set<EventFate> wanted = EnumSet.copyOf(List.of(fates));
        return events().stream().filter(e -> wanted.contains(e.fate())).map(ExpectedEvent::eventId)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    /** Dead letters the collator must write, by reason code: one per BAD or ANONYMOUS event. */
    public Map<String, Long> deadLetterReasons() {
        return events().stream().filter(e -> e.fate() != EventFate.GOOD)
                .collect(Collectors.groupingBy(e -> e.reason().name(), TreeMap::new, Collectors.counting()));
    }

    /** GOOD events per user: Personalize trains on users with at least two interactions. */
    public Map<String, Long> goodEventsPerUser() {
        return events().stream().filter(e -> e.fate() == EventFate.GOOD)
                .collect(Collectors.groupingBy(ExpectedEvent::userId, TreeMap::new, Collectors.counting()));
    }

    public static long usersWithAtLeast(Collection<Long> perUser, long min) {
        return perUser.stream().filter(n -> n >= min).count();
    }

    public boolean hasReason(ReasonCode code) {
        return events().stream().anyMatch(e -> e.reason() == code);
    }
}
