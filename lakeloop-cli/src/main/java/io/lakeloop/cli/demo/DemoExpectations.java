package io.lakeloop.cli.demo;

import io.lakeloop.event.ReasonCode;
import java.util.Objects;

/**
 * What each stage must hold for a clickstream, where it is more than a set of event ids: the upstream landing writes
 * every record as it was produced (format=raw, as Firehose does), JSON or not, and dead-letters none; the
 * Personalize sink dead-letters every broken event, the lake sink nothing.
 */
public record DemoExpectations(Clickstream stream) {

    public static final String UPSTREAM_DLQ = "upstream-dlq";
    public static final String PERSONALIZE_DLQ = "personalize-dlq";
    public static final String LAKE_DLQ = "lake-dlq";

    public DemoExpectations {
        Objects.requireNonNull(stream, "stream");
    }

    /** Records that are not JSON at all. */
    public long undecodableRecords() {
        return stream.records().stream()
                .filter(r -> r.events().stream().anyMatch(e -> e.reason() == ReasonCode.UNDECODABLE)).count();
    }

    public long upstreamRecords() {
        return stream.records().size();
    }

    public long sinkDeadLetters(String stage) {
        return switch (stage) {
            case UPSTREAM_DLQ -> 0;
            case PERSONALIZE_DLQ -> stream.count(EventFate.BAD);
            case LAKE_DLQ -> 0;
            default -> throw new IllegalArgumentException("Unknown dead-letter stage " + stage);
        };
    }

    public static String describe(String stage) {
        return switch (stage) {
            case UPSTREAM_DLQ -> "records the upstream sink dead-lettered (none: it lands every record as produced)";
            case PERSONALIZE_DLQ -> "events the Personalize sink dead-lettered (broken)";
            case LAKE_DLQ -> "rows the lake sink dead-lettered";
            default -> stage;
        };
    }
}
