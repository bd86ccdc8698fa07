package io.lakeloop.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KafkaBrokerExtensionIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.create();

    @Test
    void producedRecordsComeBackWithKeysValuesAndHeaders() {
        KAFKA.createTopic("plain", 2);
        KAFKA.client().produce("plain", "u1", "v1", Map.of("source", "test"));
        KAFKA.produce("plain", "u2", "v2");

        List<KafkaRecord> records = KAFKA.consume("plain", 2, TIMEOUT);

        assertThat(records).extracting(KafkaRecord::key, KafkaRecord::value)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("u1", "v1"),
                        org.assertj.core.groups.Tuple.tuple("u2", "v2"));
        assertThat(records).filteredOn(r -> "u1".equals(r.key())).singleElement()
                .extracting(r -> r.header("source")).isEqualTo("test");
        assertThat(KAFKA.client().consumeAll("plain", TIMEOUT)).hasSize(2);
    }

    @Test
    void readCommittedSeesOnlyCommittedTransactions() {
        KAFKA.createTopic("tx", 1);
        try (KafkaProducer<String, String> producer = KAFKA.client().transactionalProducer("testkit-tx")) {
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("tx", "k", "aborted"));
            producer.flush();
            producer.abortTransaction();

            producer.beginTransaction();
            producer.send(new ProducerRecord<>("tx", "k", "committed-1"));
            producer.send(new ProducerRecord<>("tx", "k", "committed-2"));
            producer.commitTransaction();
        }

        List<KafkaRecord> committed = KAFKA.readCommitted("tx", 2, TIMEOUT);

        assertThat(committed).extracting(KafkaRecord::value).containsExactly("committed-1", "committed-2");
        assertThat(KAFKA.client().readAllCommitted("tx", TIMEOUT)).extracting(KafkaRecord::value)
                .containsExactly("committed-1", "committed-2");
        assertThat(KAFKA.client().consumeAll("tx", TIMEOUT)).extracting(KafkaRecord::value)
                .contains("aborted", "committed-1", "committed-2");
    }
}
