package io.lakeloop.streams.collator;

import io.lakeloop.event.ReasonCode;
import java.util.EnumMap;
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
    private final Map<ReasonCode, LongAdder> rejected = new EnumMap<>(ReasonCode.class);

    public CollatorMetrics() {
        for (ReasonCode code : ReasonCode.values()) {
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

    void reject(ReasonCode code) {
        rejected.get(code).increment();
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
        return rejected.get(code).sum();
    }

    public long rejectedTotal() {
        return rejected.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** A snapshot of the per-reason counts, every reason present. */
    public Map<ReasonCode, Long> rejectedByReason() {
        Map<ReasonCode, Long> out = new EnumMap<>(ReasonCode.class);
        rejected.forEach((code, adder) -> out.put(code, adder.sum()));
        return out;
    }
}
