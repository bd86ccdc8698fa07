package io.lakeloop.emulator;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counters of what the emulator saw and answered; cheap to update from many threads. */
public final class EmulatorStats {

    /** The kinds of injected fault counted in {@link Snapshot#injectedFaults()}. */
    public enum Fault { THROTTLE, ERROR, OUTAGE_503, OUTAGE_REFUSED, LATENCY }

    private final Map<Operation, LongAdder> calls = adders();
    private final Map<Operation, LongAdder> acceptedCalls = adders();
    private final Map<Operation, LongAdder> acceptedRecords = adders();
    private final Map<String, LongAdder> rejected = new ConcurrentHashMap<>();
    private final Map<Fault, LongAdder> faults = new ConcurrentHashMap<>();
    private final LongAdder throttled = new LongAdder();

    /**
     * A point-in-time copy. {@code rejected} counts error answers by error type (validation, auth, missing resource,
     * serialization); {@code throttled} counts quota 429s; injected faults are counted apart in {@code injectedFaults}.
     */
    public record Snapshot(Map<String, Long> calls, Map<String, Long> acceptedCalls,
                           Map<String, Long> acceptedRecords, Map<String, Long> rejected, long throttled,
                           Map<String, Long> injectedFaults) {

        public long calls(Operation operation) {
            return calls.getOrDefault(operation.apiName(), 0L);
        }

        public long acceptedCalls(Operation operation) {
            return acceptedCalls.getOrDefault(operation.apiName(), 0L);
        }

        public long acceptedRecords(Operation operation) {
            return acceptedRecords.getOrDefault(operation.recordKind(), 0L);
        }

        public long rejected(String errorType) {
            return rejected.getOrDefault(errorType, 0L);
        }

        public long injected(Fault fault) {
            return injectedFaults.getOrDefault(fault.name(), 0L);
        }
    }

    void call(Operation operation) {
        calls.get(operation).increment();
    }

    void accepted(Operation operation, int records) {
        acceptedCalls.get(operation).increment();
        acceptedRecords.get(operation).add(records);
    }

    void rejected(String errorType) {
        rejected.computeIfAbsent(errorType, k -> new LongAdder()).increment();
    }

    void throttled() {
        throttled.increment();
    }

    void injected(Fault fault) {
        faults.computeIfAbsent(fault, k -> new LongAdder()).increment();
    }

    public Snapshot snapshot() {
        Map<String, Long> byCall = new LinkedHashMap<>();
        Map<String, Long> byAccepted = new LinkedHashMap<>();
        Map<String, Long> byRecords = new LinkedHashMap<>();
        for (Operation operation : Operation.values()) {
            byCall.put(operation.apiName(), calls.get(operation).sum());
            byAccepted.put(operation.apiName(), acceptedCalls.get(operation).sum());
            byRecords.put(operation.recordKind(), acceptedRecords.get(operation).sum());
        }
        Map<String, Long> byType = new TreeMap<>();
        rejected.forEach((type, count) -> byType.put(type, count.sum()));
        Map<String, Long> byFault = new LinkedHashMap<>();
        for (Fault fault : Fault.values()) {
            byFault.put(fault.name(), faults.containsKey(fault) ? faults.get(fault).sum() : 0L);
        }
        return new Snapshot(Collections.unmodifiableMap(byCall), Collections.unmodifiableMap(byAccepted), Collections.unmodifiableMap(byRecords), Collections.unmodifiableMap(byType),
                throttled.sum(), Collections.unmodifiableMap(byFault));
    }

    /** Sets every counter back to zero. */
    public void reset() {
        calls.values().forEach(LongAdder::reset);
        acceptedCalls.values().forEach(LongAdder::reset);
        acceptedRecords.values().forEach(LongAdder::reset);
        rejected.clear();
        faults.clear();
        throttled.reset();
    }

    private static Map<Operation, LongAdder> adders() {
        Map<Operation, LongAdder> map = new EnumMap<>(Operation.class);
        for (Operation operation : Operation.values()) {
            map.put(operation, new LongAdder());
        }
        return map;
    }
}
