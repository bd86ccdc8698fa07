package io.lakeloop.streams.collator.it;

import static io.lakeloop.streams.collator.it.ItSupport.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lakeloop.lake.LakeRow;
import io.lakeloop.streams.collator.CollatorConfig;
import io.lakeloop.streams.collator.CollatorService;
import io.lakeloop.streams.collator.DeadLetterHeaders;
import io.lakeloop.streams.collator.HostileOutcomes;
import io.lakeloop.testkit.HostileCorpus;
import io.lakeloop.testkit.HostileRecord;
import io.lakeloop.testkit.KafkaBrokerExtension;
import io.lakeloop.testkit.KafkaRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole hostile corpus and a control group through the running collator on a real KRaft broker (Kafka 4.1,
 * exactly-once): each record ends exactly as {@link HostileOutcomes} decides, the stream threads stay RUNNING
 * throughout, the counts reconcile per event, and the lake topic (read_committed) holds each expected event id once.
 */
class HostileCorpusIT {

    static final int CONTROLS = 50;

    @RegisterExtension
    static final KafkaBrokerExtension broker = ItSupport.broker();

    @TempDir
    Path stateDir;

    @Test
    void everyHostileRecordIsCollatedOrDeadLetteredAsDecidedAndNothingStops() throws Exception {
        // far-future record timestamps get through only with this topic config on Kafka 4.x (3.x accepts them)
        broker.client().createTopic("raw-h", 3, HostileCorpus.TOPIC_CONFIGS);
        Map<String, Object> props = ItSupport.config(broker, "it-h", "raw-h", stateDir);
        props.put("num.stream.threads", 2);
        List<HostileRecord> corpus = HostileCorpus.records();
        List<HostileRecord> controls = HostileCorpus.controls(CONTROLS);

        try (CollatorService service = CollatorService.start(CollatorConfig.of(props))) {
            await("running").atMost(TIMEOUT).until(() -> service.state() == KafkaStreams.State.RUNNING);
            int runningAt = service.stateHistory().lastIndexOf(KafkaStreams.State.RUNNING);

            Map<String, String> nameByPosition = new HashMap<>();
            List<HostileRecord> all = new ArrayList<>(corpus);
            all.addAll(controls);
            for (HostileRecord r : all) {
                RecordMetadata m = broker.client().bytesProducer().send(r.toProducerRecord("raw-h")).get();
                nameByPosition.put(m.partition() + "@" + m.offset(), r.name());
            }

            int lakeExpected = CONTROLS + HostileOutcomes.EXPECTED.values().stream()
                    .mapToInt(o -> o.lakeEventIds().size()).sum();
            int deadExpected = HostileOutcomes.EXPECTED.values().stream().mapToInt(o -> o.deadLetters().size()).sum();
            await("every lake row and dead letter committed").atMost(TIMEOUT).pollInterval(Duration.ofSeconds(1))
                    .until(() -> ItSupport.committedCount(broker, "raw-h.lake") >= lakeExpected
                            && ItSupport.committedCount(broker, "raw-h.dlq") >= deadExpected);

            List<KafkaRecord> lake = broker.client().readAllCommitted("raw-h.lake", TIMEOUT);
            List<KafkaRecord> dead = broker.client().readAllCommitted("raw-h.dlq", TIMEOUT);

            // the lake: each expected event id exactly once, nothing else
            List<String> expectedIds = new ArrayList<>();
            HostileOutcomes.EXPECTED.values().forEach(o -> expectedIds.addAll(o.lakeEventIds()));
            for (int i = 0; i < CONTROLS; i++) {
                expectedIds.add(HostileCorpus.controlEventId(i));
            }
            assertThat(lake).extracting(r -> LakeRow.fromJson(r.value()).eventId())
                    .containsExactlyInAnyOrderElementsOf(expectedIds);
            assertThat(lake).allSatisfy(r -> assertThat(r.key()).isEqualTo(LakeRow.fromJson(r.value()).userId()));

            // the dead letters: per source record exactly the decided reasons, each with the original bytes
            Map<String, List<String>> reasons = new HashMap<>();
            Map<String, HostileRecord> byName = HostileCorpus.byName();
            for (KafkaRecord d : dead) {
                String name = nameByPosition.get(d.header(DeadLetterHeaders.SOURCE_PARTITION) + "@"
                        + d.header(DeadLetterHeaders.SOURCE_OFFSET));
                assertThat(name).as("dead letter from an unknown source: %s", d.headerMap()).isNotNull();
                String field = d.header(DeadLetterHeaders.REASON_FIELD);
                reasons.computeIfAbsent(name, k -> new ArrayList<>())
                        .add(d.header(DeadLetterHeaders.REASON_CODE) + ":" + (field == null ? "-" : field));
                assertThat(d.header(DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("raw-h");
                assertThat(d.header(DeadLetterHeaders.PAYLOAD_OMITTED)).as(name).isNull();
                assertThat(d.valueBytes()).as(name).isEqualTo(byName.get(name).value());
                assertThat(d.keyBytes()).as(name).isEqualTo(byName.get(name).key());
                for (HostileRecord.HeaderBytes h : byName.get(name).headers()) {
                    assertThat(d.headers().lastHeader(h.name()).value()).as(name).isEqualTo(h.value());
                }
                // written at a time the broker accepts, whatever the original's
                assertThat(d.timestamp()).as(name).isLessThanOrEqualTo(System.currentTimeMillis());
            }
            for (HostileRecord r : corpus) {
                assertThat(reasons.getOrDefault(r.name(), List.of())).as(r.name())
                        .isEqualTo(HostileOutcomes.EXPECTED.get(r.name()).deadLetters());
            }

            // counts reconcile per event: every event in is a lake row or a dead letter (no duplicates were sent)
            assertThat(lake.size() + dead.size()).isEqualTo(lakeExpected + deadExpected);
            assertThat(service.metrics().recordsIn()).isEqualTo(all.size());
            assertThat(service.metrics().eventsOut()).isEqualTo(lake.size());
            assertThat(service.metrics().rejectedTotal()).isEqualTo(dead.size());
            assertThat(service.metrics().duplicatesDropped()).isZero();
            assertThat(service.metrics().outputRefused()).isZero();

            // nothing stopped: RUNNING all along since it first was, and every stream thread still RUNNING
            assertThat(service.stateHistory().subList(runningAt, service.stateHistory().size()))
                    .containsOnly(KafkaStreams.State.RUNNING);
            assertThat(service.state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(service.streamThreadStates()).containsExactly("RUNNING", "RUNNING");
        }
    }
}
