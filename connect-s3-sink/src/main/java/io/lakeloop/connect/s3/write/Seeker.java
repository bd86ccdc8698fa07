package io.lakeloop.connect.s3.write;

import org.apache.kafka.common.TopicPartition;

/** Asks Connect to deliver a partition again from an offset ({@code SinkTaskContext.offset}), from the next poll on. */
@FunctionalInterface
public interface Seeker {

    void seek(TopicPartition tp, long offset);
}
