package io.lakeloop.connect.personalize.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeloop.connect.personalize.PersonalizeSinkConnector;
import io.lakeloop.emulator.PersonalizeEmulator;
import io.lakeloop.emulator.RecordedEvent;
import io.lakeloop.testkit.ConnectClusterExtension;
import io.lakeloop.testkit.EmulatorExtension;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** The emulator, connector configs and event builders the integration tests share. */
final class SinkFixtures {

    static final Duration TIMEOUT = Duration.ofSeconds(120);

    private SinkFixtures() {
    }

    /** A connector config deployed through the REST API: string values in, the emulator as endpoint. */
    static Map<String, String> connector(PersonalizeEmulator emulator, String topic, String dataType) {
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", PersonalizeSinkConnector.class.getName());
        c.put("topics", topic);
        c.put("tasks.max", "1");
        c.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        c.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        c.put("personalize.data.type", dataType);
        c.put("aws.region", EmulatorExtension.REGION);
        c.put("aws.endpoint", emulator.endpoint().toString());
        c.put("aws.credentials.provider", "static");
        c.put("aws.access.key.id", EmulatorExtension.ACCESS_KEY);
        c.put("aws.secret.access.key", EmulatorExtension.SECRET_KEY);
        c.put("batch.linger.ms", "20");
        c.put("retry.backoff.max.ms", "2000");
        return c;
    }

    static Map<String, String> eventsConnector(PersonalizeEmulator emulator, String topic, String trackingId) {
        Map<String, String> c = connector(emulator, topic, "events");
        c.put("personalize.tracking.id", trackingId);
        return c;
    }

    /** A flat event with an item id that names it, so the tests can tell events apart. */
    static String flat(String user, String session, String item, long timestamp) {
        return "{\"user_id\":\"" + user + "\",\"session_id\":\"" + session + "\",\"item_id\":\"" + item
                + "\",\"event_type\":\"click\",\"timestamp\":" + timestamp + "}";
    }

    /** Sends many String records at once and waits for all acknowledgements. */
    static void produceAll(ConnectClusterExtension connect, String topic, List<Map.Entry<String, String>> records) {
        KafkaProducer<String, String> producer = connect.kafka().producer();
        var futures = records.stream().map(r -> producer.send(new ProducerRecord<>(topic, r.getKey(), r.getValue())))
                .toList();
        producer.flush();
        for (var f : futures) {
            try {
                f.get();
            } catch (Exception e) {
                throw new IllegalStateException("produce to " + topic + " failed", e);
            }
        }
    }

    static List<RecordedEvent> eventsOf(PersonalizeEmulator emulator, String trackingId) {
        return emulator.recorded().events().stream().filter(e -> trackingId.equals(e.trackingId())).toList();
    }

    /**
     * Nothing lost and nothing invented: the recorded events name exactly {@code expectedItems}, and where an item
     * arrived more than once (a retried or re-delivered call), every copy carries the same event id.
     */
    static void assertExactlyOnceByEventId(List<RecordedEvent> recorded, Set<String> expectedItems) {
        Map<String, Set<String>> idsByItem = recorded.stream().collect(Collectors.groupingBy(RecordedEvent::itemId,
                Collectors.mapping(RecordedEvent::eventId, Collectors.toSet())));
        assertThat(idsByItem.keySet()).containsExactlyInAnyOrderElementsOf(expectedItems);
        assertThat(idsByItem).allSatisfy((item, ids) -> assertThat(ids).as("event ids of " + item).hasSize(1));
    }
}
