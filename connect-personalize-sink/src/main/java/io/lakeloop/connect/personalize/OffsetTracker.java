package io.lakeloop.connect.personalize;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offsets may be committed: per partition, the offset of the first record not yet done (or the one after the
 * last record seen, when all are done). A record sent late never lets an earlier unsent one be skipped.
 * Called from the task thread only; records complete on any thread.
 */
public final class OffsetTracker {

    private final Map<TopicPartition, ArrayDeque<PendingRecord>> pending = new HashMap<>();
    private final Map<TopicPartition, Long> next = new HashMap<>();
    private int size;

    /** Starts tracking a record, in the order Connect delivered it. */
    public void track(PendingRecord record) {
        pending.computeIfAbsent(record.partition(), p -> new ArrayDeque<>()).addLast(record);
        next.merge(record.partition(), record.offset() + 1, Math::max);
        size++;
    }

    /** Offsets safe to commit for the given partitions; partitions with nothing seen are left out. */
    public Map<TopicPartition, OffsetAndMetadata> committable(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> result = new HashMap<>();
        for (TopicPartition tp : partitions) {
            Long after = next.get(tp);
            if (after == null) {
                continue;
            }
            ArrayDeque<PendingRecord> queue = prune(tp);
            long offset = queue == null || queue.isEmpty() ? after : queue.peekFirst().offset();
            result.put(tp, new OffsetAndMetadata(offset));
        }
        return result;
    }

    /** Records taken and not yet done, up to the first not-done record of each partition. */
    public int inProgress() {
        for (TopicPartition tp : pending.keySet()) {
            prune(tp);
        }
        return size;
    }

    private ArrayDeque<PendingRecord> prune(TopicPartition tp) {
        ArrayDeque<PendingRecord> queue = pending.get(tp);
        while (queue != null && !queue.isEmpty() && queue.peekFirst().isDone()) {
            queue.pollFirst();
            size--;
        }
        return queue;
    }

    /** Drops the partitions (revoked or closed): their records will be delivered again to whoever owns them next. */
    public void forget(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            ArrayDeque<PendingRecord> queue = pending.remove(tp);
            if (queue != null) {
                size -= queue.size();
            }
            next.remove(tp);
        }
    }

    public Collection<TopicPartition> partitions() {
        return next.keySet();
    }
}
