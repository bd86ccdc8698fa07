package io.lakeloop.streams.collator;

import io.lakeloop.event.ReasonCode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The collator's own counters, shared by all stream threads of one instance and rendered on {@code /metrics}.
 * Under exactly-once they count processing, not committed output: a record re-processed after an aborted
 * transaction is counted again (as Kafka Streams' own metrics are).
 *
 * <p>Per instance: {@code recordsIn = } records read; each yields {@code eventsCollated} valid events and one reject
 * per bad event (or one for a bad record); {@code eventsCollated = eventsOut + duplicatesDropped} once the
 * repartition topic is drained (with repartitioning on, the two sides may be on different instances).
 */
public final class CollatorMetrics {

    private final LongAdder recordsIn = new LongAdder();
    private final LongAdder eventsCollated = new LongAdder();
    private final LongAdder eventsOut = new LongAdder();
    private final LongAdder duplicatesDropped = new LongAdder();
    private final LongAdder deadLettersWithoutPayload = new LongAdder();
    private final LongAdder outputRefused = new LongAdder();
    private final Map<String, LongAdder> rejected = new LinkedHashMap<>();

    public CollatorMetrics() {
        for (String code : DeadLetterReason.ALL_CODES) {
            rejected.put(code, new LongAdder());
        }
    }

    void recordIn() {
        recordsIn.increment();
    }

    void eventsCollated(int n) {
        eventsCollated.add(n);
    }

    void eventOut() {
        eventsOut.increment();
    }

    void duplicateDropped() {
        duplicatesDropped.increment();
    }

    void reject(String code) {
        rejected.get(code).increment();
    }

    void countDeadLetterWithoutPayload() {
        deadLettersWithoutPayload.increment();
    }

    void countOutputRefused() {
        outputRefused.increment();
    }

    /** Dead letters written without the original key, value and headers (too large, or refused once). */
    public long deadLettersWithoutPayload() {
        return deadLettersWithoutPayload.sum();
    }

    /** Outputs the producer or broker refused (each makes its stream thread be replaced once). */
    public long outputRefused() {
        return outputRefused.sum();
    }

    public long recordsIn() {
        return recordsIn.sum();
    }

    public long eventsCollated() {
        return eventsCollated.sum();
    }

    public long eventsOut() {
        return eventsOut.sum();
    }

    public long duplicatesDropped() {
        return duplicatesDropped.sum();
    }

    public long rejected(ReasonCode code) {
        return rejected(code.name());
    }

    /** Dead letters with this {@link DeadLetterReason} code. */
    public long rejected(String code) {
        return rejected.get(code).sum();
    }

    public long rejectedTotal() {
        return rejected.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** A snapshot of the per-reason counts, every reason present ({@link DeadLetterReason#ALL_CODES}). */
    public Map<String, Long> rejectedByReason() {
        Map<String, Long> out = new LinkedHashMap<>();
        rejected.forEach((code, adder) -> out.put(code, adder.sum()));
        return out;
    }
}
