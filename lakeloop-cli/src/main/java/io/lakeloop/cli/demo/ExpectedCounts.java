package io.lakeloop.cli.demo;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What every stage must hold for one clickstream, computed once: the observer checks it about once a second, and a
 * long run has hundreds of thousands of events.
 */
public final class ExpectedCounts {

    private final Clickstream stream;
    private final Set<String> personalizeIds;
    private final Set<String> lakeIds;
    private final long rejected;
    private final long upstreamRecords;
    private final Map<String, Long> deadLetterReasons;
    private final Map<String, Long> sinkDeadLetters;

    public ExpectedCounts(Clickstream stream) {
        this.stream = Objects.requireNonNull(stream, "stream");
        this.personalizeIds = stream.eventIds(EventFate.GOOD, EventFate.ANONYMOUS);
        this.lakeIds = stream.eventIds(EventFate.GOOD);
        this.rejected = stream.count(EventFate.BAD, EventFate.ANONYMOUS);
        DemoExpectations expectations = new DemoExpectations(stream);
        this.upstreamRecords = expectations.upstreamRecords();
        this.deadLetterReasons = stream.deadLetterReasons();
        this.sinkDeadLetters = Map.of(DemoExpectations.UPSTREAM_DLQ,
                expectations.sinkDeadLetters(DemoExpectations.UPSTREAM_DLQ), DemoExpectations.PERSONALIZE_DLQ,
                expectations.sinkDeadLetters(DemoExpectations.PERSONALIZE_DLQ), DemoExpectations.LAKE_DLQ,
                expectations.sinkDeadLetters(DemoExpectations.LAKE_DLQ));
    }

    public Clickstream stream() {
        return stream;
    }

    /** Event ids Personalize must accept (good and anonymous). */
    public Set<String> personalizeIds() {
        return personalizeIds;
    }

    /** Event ids that must become lake rows (good). */
    public Set<String> lakeIds() {
        return lakeIds;
    }

    /** Events the collator must dead-letter (broken and anonymous). */
    public long rejected() {
        return rejected;
    }

    public long upstreamRecords() {
        return upstreamRecords;
    }

    public Map<String, Long> deadLetterReasons() {
        return deadLetterReasons;
    }

    public long sinkDeadLetters(String stage) {
        Long n = sinkDeadLetters.get(stage);
        if (n == null) {
            throw new IllegalArgumentException("Unknown dead-letter stage " + stage);
        }
        return n;
    }
}
