package io.lakeloop.streams.collator.it;

import static io.lakeloop.streams.collator.it.ItSupport.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lakeloop.lake.LakeRow;
import io.lakeloop.streams.collator.CollatorConfig;
import io.lakeloop.streams.collator.CollatorService;
import io.lakeloop.streams.collator.DeadLetterHeaders;
import io.lakeloop.testkit.HostileCorpus;
import io.lakeloop.testkit.HostileRecord;
import io.lakeloop.testkit.KafkaBrokerExtension;
import io.lakeloop.testkit.KafkaRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dead letters that cannot be written whole never stop the collator (issue 11, item 3), on a real broker under
 * exactly-once: one larger than the collator's producer accepts is written without its payload at once; one the
 * broker refuses (the dead-letter topic's limit lowered while the collator runs) makes the stream thread be replaced
 * once, and the replacement writes it without its payload. Either way the events around it are collated exactly once.
 */
class OversizedDeadLetterIT {

    static final int CONTROLS = 30;

    @RegisterExtension
    static final KafkaBrokerExtension broker = ItSupport.broker();

    @TempDir
    Path stateDir;

    @Test
    void anInvalidRecordLargerThanTheCollatorsProducerAcceptsIsDeadLetteredWithoutItsPayload() throws Exception {
        // the input topic takes 3 MiB records; the collator's producer keeps its default 1 MiB max.request.size
        broker.client().createTopic("raw-big", 1, Map.of("max.message.bytes", String.valueOf(3 << 20)));
        byte[] huge = ("<" + "x".repeat((2 << 20) - 2) + ">").getBytes(StandardCharsets.UTF_8);

        try (CollatorService service = CollatorService.start(CollatorConfig.of(
                ItSupport.config(broker, "it-big", "raw-big", stateDir)))) {
            await("running").atMost(TIMEOUT).until(() -> service.state() == KafkaStreams.State.RUNNING);
            int runningAt = service.stateHistory().lastIndexOf(KafkaStreams.State.RUNNING);
            produce("raw-big", HostileCorpus.controls(CONTROLS).subList(0, CONTROLS / 2), huge, 3 << 20);
            produce("raw-big", HostileCorpus.controls(CONTROLS).subList(CONTROLS / 2, CONTROLS), null, 3 << 20);

            KafkaRecord dead = awaitOneDeadLetterAndAllControls(service, "raw-big");
            assertThat(dead.header(DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo(String.valueOf(CONTROLS / 2));
            assertThat(dead.header(DeadLetterHeaders.PAYLOAD_OMITTED)).contains("value " + huge.length + " B");
            assertThat(service.stateHistory().subList(runningAt, service.stateHistory().size()))
                    .containsOnly(KafkaStreams.State.RUNNING);
            assertThat(service.metrics().outputRefused()).isZero();
        }
    }

    @Test
    void aDeadLetterTheBrokerRefusesMakesItsThreadBeReplacedOnceAndIsThenWrittenWithoutItsPayload()
            throws Exception {
        broker.createTopic("raw-refused", 1);
        try (CollatorService service = CollatorService.start(CollatorConfig.of(
                ItSupport.config(broker, "it-refused", "raw-refused", stateDir)))) {
            await("running").atMost(TIMEOUT).until(() -> service.state() == KafkaStreams.State.RUNNING);
            // lowered after the collator read it at start, so its own size check cannot know
            ConfigResource dlq = new ConfigResource(ConfigResource.Type.TOPIC, "raw-refused.dlq");
            broker.adminClient().incrementalAlterConfigs(Map.of(dlq, List.of(new AlterConfigOp(
                    new ConfigEntry("max.message.bytes", "16384"), AlterConfigOp.OpType.SET)))).all().get();
            byte[] large = ("<" + "y".repeat(64 * 1024) + ">").getBytes(StandardCharsets.UTF_8);
            produce("raw-refused", HostileCorpus.controls(CONTROLS).subList(0, CONTROLS / 2), large, 1 << 20);
            produce("raw-refused", HostileCorpus.controls(CONTROLS).subList(CONTROLS / 2, CONTROLS), null, 1 << 20);

            KafkaRecord dead = awaitOneDeadLetterAndAllControls(service, "raw-refused");
            assertThat(dead.header(DeadLetterHeaders.PAYLOAD_OMITTED)).contains("RecordTooLargeException");
            assertThat(service.metrics().outputRefused()).isEqualTo(1);
            assertThat(service.stateHistory()).doesNotContain(KafkaStreams.State.ERROR,
                    KafkaStreams.State.PENDING_ERROR);
            await("back to RUNNING").atMost(TIMEOUT).until(() -> service.state() == KafkaStreams.State.RUNNING);
            assertThat(service.streamThreadStates()).containsExactly("RUNNING");
        }
    }

    private static KafkaRecord awaitOneDeadLetterAndAllControls(CollatorService service, String input) {
        await("all controls and the dead letter committed").atMost(TIMEOUT).pollInterval(Duration.ofSeconds(1))
                .until(() -> ItSupport.committedCount(broker, input + ".lake") >= CONTROLS
                        && ItSupport.committedCount(broker, input + ".dlq") >= 1);
        List<KafkaRecord> lake = broker.client().readAllCommitted(input + ".lake", TIMEOUT);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < CONTROLS; i++) {
            expected.add(HostileCorpus.controlEventId(i));
        }
        assertThat(lake).extracting(r -> LakeRow.fromJson(r.value()).eventId())
                .containsExactlyInAnyOrderElementsOf(expected);
        List<KafkaRecord> dead = broker.client().readAllCommitted(input + ".dlq", TIMEOUT);
        assertThat(dead).hasSize(1);
        KafkaRecord d = dead.get(0);
        assertThat(d.keyBytes()).isNull();
        assertThat(d.valueBytes()).isNull();
        assertThat(d.header(DeadLetterHeaders.REASON_CODE)).isEqualTo("UNDECODABLE");
        assertThat(d.header(DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(input);
        assertThat(service.metrics().deadLettersWithoutPayload()).isGreaterThanOrEqualTo(1);
        assertThat(service.state()).isIn(KafkaStreams.State.RUNNING, KafkaStreams.State.REBALANCING);
        return d;
    }

    /** The controls, then (when given) one invalid value, in order on one partition, with a producer this large. */
    private static void produce(String topic, List<HostileRecord> controls, byte[] invalid, int maxRequestSize)
            throws Exception {
        Map<String, Object> props = broker.client().clientProps();
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxRequestSize);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (HostileRecord r : controls) {
                p.send(r.toProducerRecord(topic)).get();
            }
            if (invalid != null) {
                p.send(new ProducerRecord<>(topic, "k".getBytes(StandardCharsets.UTF_8), invalid)).get();
            }
        }
    }
}
