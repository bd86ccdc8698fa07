package io.lakeloop.streams.collator;

import io.lakeloop.event.ReasonCode;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The collator's own counters, shared by all stream threads of one instance and bound as Micrometer
 * {@link FunctionCounter}s ({@link #bindTo}), so they appear on {@code /metrics} as
 * {@code lakeloop_collator_<name>_total}. The stream threads count on {@link LongAdder}s: a hot-path increment costs
 * what it did before Micrometer, and the registry reads the sums only when scraped.
 * Under exactly-once they count processing, not committed output: a record re-processed after an aborted
 * transaction is counted again (as Kafka Streams' own metrics are).
 *
 * <p>Per instance: {@code recordsIn = } records read; each yields {@code eventsCollated} valid events and one reject
 * per bad event (or one for a bad record); {@code eventsCollated = eventsOut + duplicatesDropped} once the
 * repartition topic is drained (with repartitioning on, the two sides may be on different instances).
 */
public final class CollatorMetrics implements MeterBinder {

    /** Micrometer names of the counters (Prometheus: dots to underscores, {@code _total} appended). */
    public static final String RECORDS_IN = "lakeloop.collator.records.in";
    public static final String EVENTS_COLLATED = "lakeloop.collator.events.collated";
    public static final String EVENTS_OUT = "lakeloop.collator.events.out";
    public static final String DUPLICATES_DROPPED = "lakeloop.collator.duplicates.dropped";
    public static final String REJECTED = "lakeloop.collator.rejected";
    public static final String DEAD_LETTERS_WITHOUT_PAYLOAD = "lakeloop.collator.dead.letters.without.payload";
    public static final String OUTPUT_REFUSED = "lakeloop.collator.output.refused";
    /** The tag of {@link #REJECTED}: a {@link DeadLetterReason} code. */
    public static final String REASON_TAG = "reason";
    /** Every counter name, for the dashboards' name check. */
    public static final List<String> NAMES = List.of(RECORDS_IN, EVENTS_COLLATED, EVENTS_OUT, DUPLICATES_DROPPED,
            REJECTED, DEAD_LETTERS_WITHOUT_PAYLOAD, OUTPUT_REFUSED);

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

    /** Registers every counter (each reason of {@link #REJECTED} too, at 0) on the registry. */
    @Override
    public void bindTo(MeterRegistry registry) {
        counter(registry, RECORDS_IN, "Raw records read from the input topics.", recordsIn);
        counter(registry, EVENTS_COLLATED, "Valid events parsed, before deduplication.", eventsCollated);
        counter(registry, EVENTS_OUT, "Events written to the lake topic.", eventsOut);
        counter(registry, DUPLICATES_DROPPED, "Copies of an event dropped by the dedupe store.", duplicatesDropped);
        counter(registry, DEAD_LETTERS_WITHOUT_PAYLOAD, "Dead letters written without the original key, value and "
                + "headers because they did not fit the dead-letter topic or were refused.", deadLettersWithoutPayload);
        counter(registry, OUTPUT_REFUSED, "Output records the producer or broker refused; the stream thread was "
                + "replaced and the record that produced them dead-lettered.", outputRefused);
        rejected.forEach((code, adder) -> FunctionCounter.builder(REJECTED, adder, LongAdder::doubleValue)
                .description("Rejected records or events sent to the dead-letter topic, by reason.")
                .tag(REASON_TAG, code).register(registry));
    }

    private static void counter(MeterRegistry registry, String name, String help, LongAdder adder) {
        FunctionCounter.builder(name, adder, LongAdder::doubleValue).description(help).register(registry);
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
