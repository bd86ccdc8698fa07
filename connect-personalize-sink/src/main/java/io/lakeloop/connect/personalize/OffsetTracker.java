package io.lakeloop.connect.personalize;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offsets may be committed: per partition, the offset of the first record not yet done (or the one after the
 * last record seen, when all are done). A record sent late never lets an earlier unsent one be skipped.
 *
 * <p>Holds only the records not yet done: a record leaves the moment its last part is handed on, on whichever
 * thread that happens, so that one batch retried for minutes does not keep every record behind it in memory (it
 * keeps only itself). Tracked from the task thread; records complete on any thread.
 */
public final class OffsetTracker {

    private final Map<TopicPartition, ConcurrentSkipListMap<Long, PendingRecord>> open = new HashMap<>();
    private final Map<TopicPartition, Long> next = new HashMap<>();

    /** Starts tracking a record, in the order Connect delivered it; it stops being tracked once done. */
    public void track(PendingRecord record) {
        track(record, done -> { });
    }

    /** As {@link #track(PendingRecord)}; {@code alsoOnDone} runs once the record is done, on that thread. */
    public void track(PendingRecord record, Consumer<PendingRecord> alsoOnDone) {
        ConcurrentSkipListMap<Long, PendingRecord> records = open.computeIfAbsent(record.partition(),
                p -> new ConcurrentSkipListMap<>());
        next.merge(record.partition(), record.offset() + 1, Math::max);
        records.put(record.offset(), record);
        record.onDone(done -> {
            records.remove(done.offset(), done);
            alsoOnDone.accept(done);
        });
    }

    /** Offsets safe to commit for the given partitions; partitions with nothing seen are left out. */
    public Map<TopicPartition, OffsetAndMetadata> committable(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> result = new HashMap<>();
        for (TopicPartition tp : partitions) {
            Long after = next.get(tp);
            if (after == null) {
                continue;
            }
            ConcurrentSkipListMap<Long, PendingRecord> records = open.get(tp);
            Map.Entry<Long, PendingRecord> first = records == null ? null : records.firstEntry();
            result.put(tp, new OffsetAndMetadata(first == null ? after : first.getKey()));
        }
        return result;
    }

    /** Records taken and not yet done. */
    public int inProgress() {
        int n = 0;
        for (ConcurrentSkipListMap<Long, PendingRecord> records : open.values()) {
            n += records.size();
        }
        return n;
    }

    /** Drops the partitions (revoked or closed): their records will be delivered again to whoever owns them next. */
    public void forget(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            open.remove(tp);
            next.remove(tp);
        }
    }

    public Collection<TopicPartition> partitions() {
        return next.keySet();
    }
}
