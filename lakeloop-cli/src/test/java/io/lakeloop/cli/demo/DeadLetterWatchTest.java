package io.lakeloop.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class DeadLetterWatchTest {

    @Test
    void countsThisRunsDeadLettersByReasonAndOnceEachWhenRedelivered() {
        try (DeadLetterWatch watch = new DeadLetterWatch("t.dlq", new TopicReader("127.0.0.1:1", "t.dlq"), "run1-")) {
            watch.accept(dead("{\"session_id\":\"run1-s1\"}", 0, 10, "MISSING_FIELD"));
            watch.accept(dead("{\"session_id\":\"run1-s1\"}", 0, 10, "MISSING_FIELD")); // redelivered after a crash
            watch.accept(dead("{\"session_id\":\"run1-s2\"}", 1, 10, "MISSING_FIELD"));
            watch.accept(dead("{\"session_id\":\"run1-s3\"}", 1, 11, null)); // Connect's own, e.g. converter error
            watch.accept(dead("{\"session_id\":\"run0-s9\"}", 1, 12, "UNDECODABLE")); // an earlier run
            assertThat(watch.count()).isEqualTo(3);
            assertThat(watch.deliveries()).isEqualTo(4);
            assertThat(watch.reasons()).containsEntry("MISSING_FIELD", 2L)
                    .containsEntry(DeadLetterWatch.CONNECT_ERROR, 1L).hasSize(2);
        }
    }

    private static ConsumerRecord<byte[], byte[]> dead(String value, int partition, long offset, String reason) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("__connect.errors.topic", "interactions".getBytes(StandardCharsets.UTF_8));
        headers.add("__connect.errors.partition", String.valueOf(partition).getBytes(StandardCharsets.UTF_8));
        headers.add("__connect.errors.offset", String.valueOf(offset).getBytes(StandardCharsets.UTF_8));
        headers.add("__connect.errors.exception.class.name", "x".getBytes(StandardCharsets.UTF_8));
        if (reason != null) {
            headers.add(DeadLetterWatch.REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        }
        return new ConsumerRecord<>("t.dlq", 0, 0, 0L, TimestampType.CREATE_TIME, 0, 0, null,
                value.getBytes(StandardCharsets.UTF_8), headers, Optional.empty());
    }
}
