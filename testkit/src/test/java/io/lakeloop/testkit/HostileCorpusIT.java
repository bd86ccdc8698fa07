package io.lakeloop.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every corpus record can be produced to a default broker and comes back byte for byte, headers included. */
class HostileCorpusIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.create();

    @Test
    void everyRecordRoundTripsThroughARealBroker() {
        KAFKA.client().createTopic("hostile", 1, HostileCorpus.TOPIC_CONFIGS);
        List<HostileRecord> corpus = HostileCorpus.records();
        KAFKA.client().produce("hostile", corpus);

        List<KafkaRecord> read = KAFKA.consume("hostile", corpus.size(), Duration.ofSeconds(60));

        assertThat(read).hasSize(corpus.size());
        Map<String, HostileRecord> byName = corpus.stream()
                .collect(Collectors.toMap(HostileRecord::name, Function.identity()));
        for (int i = 0; i < corpus.size(); i++) {
            HostileRecord sent = corpus.get(i);
            KafkaRecord got = read.get(i);
            assertThat(got.keyBytes()).as(sent.name()).isEqualTo(sent.key());
            assertThat(got.valueBytes()).as(sent.name()).isEqualTo(sent.value());
            assertThat(got.headers().toArray()).as(sent.name()).hasSize(sent.headers().size());
            for (HostileRecord.HeaderBytes h : sent.headers()) {
                assertThat(got.headers().lastHeader(h.name()).value()).as(sent.name()).isEqualTo(h.value());
            }
            if (sent.timestamp() != null) {
                assertThat(got.timestamp()).as(sent.name()).isEqualTo(sent.timestamp());
            }
        }
        assertThat(byName).hasSize(corpus.size());
    }
}
