package io.lakeloop.streams.collator.it;

import static io.lakeloop.streams.collator.it.ItSupport.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lakeloop.streams.collator.CollatorConfig;
import io.lakeloop.streams.collator.CollatorService;
import io.lakeloop.testkit.KafkaBrokerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar as a process: it starts from a properties file plus environment variables and answers /health;
 * SIGTERM stops it gracefully; SIGKILL mid-stream and a new instance in its place duplicate nothing.
 */
class CollatorProcessIT {

    @RegisterExtension
    static final KafkaBrokerExtension broker = ItSupport.broker();

    @TempDir
    Path dir;

    @Test
    void jarStartsFromAPropertiesFileAnswersHealthAndStopsGracefullyOnSigterm() throws Exception {
        broker.createTopic("raw-t", 2);
        Map<String, Object> file = ItSupport.config(broker, "it-t", "raw-t", Files.createDirectory(dir.resolve("t")));
        file.remove(CollatorConfig.HTTP_PORT_CONFIG);
        file.remove(CollatorConfig.HTTP_HOST_CONFIG);

        try (CollatorProcess p = CollatorProcess.start(dir, "sigterm", file, Map.of())) {
            await("/health").atMost(TIMEOUT).until(() -> Http.get(p.httpPort, "/health").status() == 200);
            await("/ready").atMost(TIMEOUT).until(() -> Http.get(p.httpPort, "/ready").status() == 200);
            // the shaded jar's endpoint: Micrometer's registry with the Kafka Streams and JVM binders
            assertThat(Http.get(p.httpPort, "/metrics").body()).contains("\nlakeloop_collator_records_in_total 0.0\n",
                    "\nlakeloop_collator_state{state=\"RUNNING\"} 1.0\n", "\n# TYPE kafka_stream_thread_process_total counter\n",
                    "\n# TYPE jvm_memory_used_bytes gauge\n", "\n# TYPE process_uptime_seconds gauge\n");

            int exit = p.terminate();

            assertThat(exit).as("exit code after SIGTERM; log %s", p.log).isEqualTo(143);
            assertThat(p.output()).contains("stopping the collator", "-> NOT_RUNNING");
        }
    }

    @Test
    void killedInstanceMidStreamAndItsReplacementWriteEachEventExactlyOnce() throws Exception {
        broker.createTopic("raw-k", 3);
        Workload work = new Workload("raw-k", 400, Instant.now().getEpochSecond());
        List<ProducerRecord<byte[], byte[]>> first = work.records.subList(0, work.records.size() * 3 / 5);
        List<ProducerRecord<byte[], byte[]>> rest = work.records.subList(first.size(), work.records.size());
        Map<String, Object> props = ItSupport.config(broker, "it-k", "raw-k", Files.createDirectory(dir.resolve("a")));
        props.put("session.timeout.ms", 6000);
        props.put("commit.interval.ms", 200);

        KafkaProducer<byte[], byte[]> producer = broker.client().bytesProducer();
        try (CollatorProcess a = CollatorProcess.start(dir, "killed", props, Map.of())) {
            await("instance A ready").atMost(TIMEOUT).until(() -> Http.get(a.httpPort, "/ready").status() == 200);
            first.forEach(producer::send);
            producer.flush();
            await("A mid-stream").atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
                    .until(() -> ItSupport.committedCount(broker, "raw-k.lake") >= work.lakeCount() / 5);
            assertThat(a.kill()).isEqualTo(137);
            int before = ItSupport.committedCount(broker, "raw-k.lake");
            assertThat(before).as("A was killed mid-stream").isLessThan(work.lakeCount());
            rest.forEach(producer::send);
            producer.flush();
        }

        props.put("state.dir", Files.createDirectory(dir.resolve("b")).toString());
        try (CollatorService b = CollatorService.start(CollatorConfig.of(props))) {
            await("all lake rows").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> ItSupport.committedCount(broker, "raw-k.lake") >= work.lakeCount());
            await("all dead letters").atMost(TIMEOUT).pollInterval(Duration.ofSeconds(1))
                    .until(() -> ItSupport.committedCount(broker, "raw-k.dlq") >= work.deadCount());
            // let B commit anything it still had in flight before the final read
            await("B caught up").atMost(TIMEOUT).until(() -> b.metrics().recordsIn() > 0
                    && Set.of(org.apache.kafka.streams.KafkaStreams.State.RUNNING).contains(b.state()));
            ItSupport.assertExactlyOnce(broker, work, "raw-k");
        }
    }
}
