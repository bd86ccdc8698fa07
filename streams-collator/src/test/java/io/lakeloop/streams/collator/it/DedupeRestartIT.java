package io.lakeloop.streams.collator.it;

import static io.lakeloop.streams.collator.it.ItSupport.TIMEOUT;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lakeloop.testkit.KafkaBrokerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dedupe filters (collator.dedupe.filter.memory.bytes) across a crash, on a real broker: instance A (the jar, a
 * process) is killed mid-stream; every record it was given is sent again, then the rest; instance B starts on A's
 * state directory, so Kafka Streams finds local state without a checkpoint, wipes it (exactly-once) and restores the
 * dedupe store from its changelog, and B's processor fills its filters from that store. The lake topic, read
 * read_committed, must hold every event exactly once: a filter that lacked a restored id would let its copy through
 * as "never seen".
 */
class DedupeRestartIT {

    @RegisterExtension
    static final KafkaBrokerExtension broker = ItSupport.broker();

    private static final Pattern BAD_EVENT = Pattern.compile("\"itemId\":\"(bad-\\d+)\"");

    @TempDir
    Path dir;

    @Test
    void copiesOfEveryCommittedIdAreDroppedAfterAKillAndARestartOnTheSameStateDirectory() throws Exception {
        String input = "raw-r";
        broker.createTopic(input, 3);
        Workload work = new Workload(input, 300, Instant.now().getEpochSecond());
        List<ProducerRecord<byte[], byte[]>> first = work.records.subList(0, work.records.size() * 3 / 5);
        List<ProducerRecord<byte[], byte[]>> rest = work.records.subList(first.size(), work.records.size());
        Map<String, Object> props = ItSupport.config(broker, "it-r", input, Files.createDirectory(dir.resolve("state")));
        props.put("session.timeout.ms", 6000);
        props.put("commit.interval.ms", 200);

        KafkaProducer<byte[], byte[]> producer = broker.client().bytesProducer();
        try (CollatorProcess a = CollatorProcess.start(dir, "restart-a", props, Map.of())) {
            await("instance A ready").atMost(TIMEOUT).until(() -> Http.get(a.httpPort, "/ready").status() == 200);
            first.forEach(producer::send);
            producer.flush();
            await("A mid-stream").atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
                    .until(() -> ItSupport.committedCount(broker, input + ".lake") >= work.lakeCount() / 4);
            assertThat(a.kill()).isEqualTo(137);
        }
        int committedByA = ItSupport.committedCount(broker, input + ".lake");
        assertThat(committedByA).as("A was killed mid-stream").isLessThan(work.lakeCount());
        // every record of the first part again (valid events are copies now; bad ones are dead-lettered again)
        for (ProducerRecord<byte[], byte[]> r : first) {
            producer.send(new ProducerRecord<>(r.topic(), r.key(), r.value()));
            String marker = deadMarker(r.value());
            if (marker != null) {
                work.deadMarkers.merge(marker, 1, Integer::sum);
            }
        }
        rest.forEach(producer::send);
        producer.flush();

        try (CollatorProcess b = CollatorProcess.start(dir, "restart-b", props, Map.of())) {
            await("all lake rows").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> ItSupport.committedCount(broker, input + ".lake") >= work.lakeCount());
            await("every input and by-user record processed and committed").atMost(TIMEOUT)
                    .pollInterval(Duration.ofSeconds(1)).until(() -> allProcessed("it-r", input));
            assertThat(b.terminate()).as("graceful stop; log %s", b.log).isEqualTo(143);
            ItSupport.assertExactlyOnce(broker, work, input);
            assertThat(b.output()).contains("dedupe filters filled from the");
        }
    }

    /** The marker {@link Workload#markerOf} gives the dead letter(s) of a raw record, or null for a valid one. */
    private static String deadMarker(byte[] value) {
        String text = new String(value, UTF_8);
        if (text.startsWith("garbage-")) {
            return text.split(" ")[0];
        }
        Matcher m = BAD_EVENT.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    /**
     * The application's committed offsets have reached the end of the input topic, and of the by-user topic up to its
     * last transaction marker (it is written transactionally, the input is not).
     */
    private static boolean allProcessed(String appId, String input) throws Exception {
        Admin admin = broker.adminClient();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(appId)
                .partitionsToOffsetAndMetadata().get();
        if (committed.keySet().stream().noneMatch(tp -> tp.topic().equals(input))) {
            return false;
        }
        Map<TopicPartition, Long> ends = admin.listOffsets(committed.keySet().stream()
                        .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()))).all().get()
                .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        return committed.entrySet().stream().allMatch(e -> e.getValue().offset()
                >= ends.get(e.getKey()) - (e.getKey().topic().equals(input) ? 0 : 1));
    }
}
