package io.lakeloop.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Everything the emulator accepted, in arrival order, per operation. Memory is bounded: each operation keeps at most
 * {@code maxRecordsPerOperation} records and about {@code maxBytesPerOperation} of them (estimated as twice the
 * request body's bytes, shared by its records, plus a fixed overhead), and drops the oldest beyond either (counted in
 * {@link #evicted(Operation)}).
 * With a journal file, every accepted record is also appended to it as one JSON line (never evicted).
 * Thread-safe; the lists returned are immutable snapshots.
 */
public final class Recorded implements AutoCloseable {

    private final Map<Operation, BoundedLog<Object>> logs = new EnumMap<>(Operation.class);
    private final Journal journal;
    private final AcceptanceClock acceptance;
    private long sequence;

    /** Per-record overhead of the estimate: object headers, the record, its list slot. */
    static final long RECORD_OVERHEAD_BYTES = 160;

    Recorded(int maxRecordsPerOperation, long maxBytesPerOperation, Path journalFile) {
        for (Operation operation : Operation.values()) {
            logs.put(operation, new BoundedLog<>(maxRecordsPerOperation, maxBytesPerOperation));
        }
        this.journal = journalFile == null ? null : new Journal(journalFile);
        this.acceptance = new AcceptanceClock(maxRecordsPerOperation);
    }

    /**
     * Records an accepted call: journal first (so a journal failure records nothing), then memory.
     *
     * @param requestBytes the size of the request body, the base of the memory estimate
     */
    synchronized int record(Operation operation, ValidCall call, int requestBytes) {
        List<Object> records = new ArrayList<>(call.records().size());
        long first = sequence + 1;
        for (LongFunction<Object> builder : call.records()) {
            records.add(builder.apply(++sequence));
        }
        acceptance.stamp(first, sequence, System.currentTimeMillis());
        if (journal != null) {
            journal.append(operation, records);
        }
        BoundedLog<Object> log = logs.get(operation);
        long perRecord = RECORD_OVERHEAD_BYTES + 2L * requestBytes / Math.max(1, records.size());
        records.forEach(record -> log.add(record, perRecord));
        return records.size();
    }

    public List<RecordedEvent> events() {
        return typed(Operation.PUT_EVENTS, RecordedEvent.class);
    }

    public List<RecordedItem> items() {
        return typed(Operation.PUT_ITEMS, RecordedItem.class);
    }

    public List<RecordedUser> users() {
        return typed(Operation.PUT_USERS, RecordedUser.class);
    }

    public List<RecordedAction> actions() {
        return typed(Operation.PUT_ACTIONS, RecordedAction.class);
    }

    public List<RecordedActionInteraction> actionInteractions() {
        return typed(Operation.PUT_ACTION_INTERACTIONS, RecordedActionInteraction.class);
    }

    /** A page of the records an operation accepted, as they are kept now (after any eviction). */
    public List<Object> page(Operation operation, int offset, int limit) {
        return List.copyOf(logs.get(operation).page(offset, limit));
    }

    /** When the record with this sequence number was accepted (epoch ms), while it is remembered. */
    public java.util.OptionalLong acceptedAt(long sequence) {
        return acceptance.acceptedAt(sequence);
    }

    /** How many records of this operation are held now. */
    public int size(Operation operation) {
        return logs.get(operation).size();
    }

    /** The estimated memory the records of this operation hold now. */
    public long estimatedBytes(Operation operation) {
        return logs.get(operation).bytes();
    }

    /** How many records of this operation were dropped to keep memory bounded. */
    public long evicted(Operation operation) {
        return logs.get(operation).evicted();
    }

    /**
     * Forgets every record held in memory. The journal file keeps its lines, and sequence numbers go on counting, so
     * a sequence number identifies one record for the emulator's whole life.
     */
    public synchronized void clear() {
        logs.values().forEach(BoundedLog::clear);
    }

    private <T> List<T> typed(Operation operation, Class<T> type) {
        return logs.get(operation).all().stream().map(type::cast).toList();
    }

    @Override
    public void close() {
        if (journal != null) {
            try {
                journal.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
