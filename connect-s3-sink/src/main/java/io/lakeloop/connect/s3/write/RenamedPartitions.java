package io.lakeloop.connect.s3.write;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Guards object keys against an SMT that maps two source partitions onto one topic partition (e.g. a
 * {@code RegexRouter} merging {@code a.events} and {@code b.events} into {@code events}): keys name the topic after
 * SMTs with the source partition's offsets, so two sources would write the same key and one object would replace
 * another. Such a mapping fails the task, naming both sources, rather than lose data.
 */
final class RenamedPartitions {

    private final Map<TopicPartition, TopicPartition> sourceOf = new HashMap<>();

    void check(String topic, Integer partition, TopicPartition source) {
        if (topic.equals(source.topic()) && partition != null && partition == source.partition()) {
            return;
        }
        TopicPartition routed = new TopicPartition(topic, partition == null ? -1 : partition);
        TopicPartition previous = sourceOf.putIfAbsent(routed, source);
        if (previous != null && !previous.equals(source)) {
            throw new ConnectException("an SMT maps both " + previous + " and " + source + " onto " + routed
                    + ": their objects would have the same keys and replace each other. Rename topics one-to-one "
                    + "(object keys are made of the topic after SMTs and the source partition's offsets)");
        }
    }
}
