package io.lakeloop.cli.demo;

import java.util.List;
import java.util.Objects;

/**
 * One stage of the reconciliation.
 *
 * @param expected          what must have arrived
 * @param observed          distinct events (or records) that arrived
 * @param deliveries        how many arrived counting repeats (equal to {@code observed} when nothing was repeated)
 * @param duplicatesAllowed true where the design is at-least-once (Personalize ignores a repeated event id)
 * @param missing           a few expected ids that did not arrive (for the report; empty when none or not tracked)
 * @param unexpected        a few ids that arrived without being expected
 */
public record StageResult(String stage, String description, long expected, long observed, long deliveries,
                          boolean duplicatesAllowed, List<String> missing, List<String> unexpected) {

    public StageResult {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(description, "description");
        missing = List.copyOf(missing);
        unexpected = List.copyOf(unexpected);
    }

    public static StageResult ofCounts(String stage, String description, long expected, long observed,
                                       long deliveries, boolean duplicatesAllowed) {
        return new StageResult(stage, description, expected, observed, deliveries, duplicatesAllowed, List.of(),
                List.of());
    }

    public long duplicates() {
        return Math.max(0, deliveries - observed);
    }

    /** Everything expected arrived, nothing else did, and repeats only where the design allows them. */
    public boolean ok() {
        return expected == observed && missing.isEmpty() && unexpected.isEmpty()
                && (duplicatesAllowed || deliveries == observed);
    }
}
