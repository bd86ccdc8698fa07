package io.lakeloop.streams.collator;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * Decides, per event, whether it must be repartitioned by user before the dedupe step.
 *
 * <p>The dedupe store is partitioned by USER_ID: the store of task {@code p} holds the users whose repartition key
 * hashes to partition {@code p} of the {@code by-user} topic ({@code murmur2(UTF-8 USER_ID) % partitions}, the
 * producer's default partitioner). The input records of task {@code p} come from partition {@code p} of the input
 * topics, and the dedupe step reads both: the input (through the collate step) and the {@code by-user} topic. So an
 * event read from partition {@code p} whose user hashes to {@code p} is already where its store is and goes straight
 * to the dedupe step; any other is written to the {@code by-user} topic, which delivers it to its user's task. When
 * producers key records by the user id with the default partitioner (the event contract) and the input topic has as
 * many partitions as the {@code by-user} topic, every event goes straight: no repartition hop at all, and nothing to
 * configure. Whatever the producers do, every copy of an event still meets the same store.
 */
final class ByUserRouting {

    private final boolean repartition;
    private final int partitions;

    /**
     * @param repartition {@code collator.dedupe.repartition}: when off, every event goes straight (the producers are
     *                    trusted to key by user)
     * @param partitions  the partitions of the {@code by-user} topic
     */
    ByUserRouting(boolean repartition, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be positive: " + partitions);
        }
        this.repartition = repartition;
        this.partitions = partitions;
    }

    /** Whether an event of {@code userId} read from partition {@code inputPartition} is already in place. */
    boolean direct(String userId, int inputPartition) {
        return !repartition || inputPartition == partitionOf(userId, partitions);
    }

    /** The partition the producer's default partitioner gives a record keyed by {@code userId} (UTF-8). */
    static int partitionOf(String userId, int partitions) {
        return Utils.toPositive(Utils.murmur2(userId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
