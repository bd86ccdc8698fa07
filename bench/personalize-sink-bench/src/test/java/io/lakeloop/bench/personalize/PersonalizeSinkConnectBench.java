package io.lakeloop.bench.personalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lakeloop.connect.personalize.PersonalizeSinkConnector;
import io.lakeloop.emulator.FaultSettings;
import io.lakeloop.testkit.ConnectClusterExtension;
import io.lakeloop.testkit.EmulatorExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The confirmation figure: the connector deployed through a real Connect worker's REST API drains a backlog of
 * batchable events (sessions of 10) from one partition into the emulator (25 ms per call, the PutEvents quota).
 * Named {@code *Bench}: never run by {@code verify}; run by hand (see BENCHMARKS.md). Asserts only that nothing was
 * lost; prints the figures.
 */
class PersonalizeSinkConnectBench {

    @RegisterExtension
    static final ConnectClusterExtension CONNECT = ConnectClusterExtension.create();

    @RegisterExtension
    static final EmulatorExtension PERSONALIZE = EmulatorExtension.create(b -> b.threads(256)
            .faults(FaultSettings.none().withLatency(25, 0, FaultSettings.LatencyDistribution.UNIFORM)));

    @Test
    void drainsABacklogThroughAConnectWorker() throws Exception {
        int events = Integer.getInteger("bench.events", 100_000);
        run("warmup", events);
        double perSecond = run("measured", events);
        System.out.printf("%nConnect worker, 1 task, batchable backlog of %,d events: %,.0f events/s once running (%.1f%% "
                + "of the 10,000 events/s ceiling); load average %.1f%n", events, perSecond, perSecond / 100,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private double run(String name, int events) throws Exception {
        CONNECT.kafka().createTopic(name, 1);
        KafkaProducer<String, String> producer = CONNECT.kafka().producer();
        List<Future<?>> sent = new ArrayList<>(events);
        for (int i = 0; i < events; i++) {
            int session = i / 10;
            sent.add(producer.send(new ProducerRecord<>(name, "u" + session, "{\"user_id\":\"u" + session
                    + "\",\"session_id\":\"s" + session + "\",\"item_id\":\"i" + i + "\",\"event_type\":\"click\","
                    + "\"timestamp\":" + (1_700_000_000L + i % 86_400) + "}")));
        }
        producer.flush();
        for (Future<?> f : sent) {
            f.get();
        }
        Map<String, String> config = new HashMap<>(PERSONALIZE.awsConnectorConfig());
        config.put("connector.class", PersonalizeSinkConnector.class.getName());
        config.put("topics", name);
        config.put("tasks.max", "1");
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("personalize.tracking.id", "tracker-" + name);
        config.put("batch.linger.ms", "5");
        long start = System.nanoTime();
        CONNECT.configureConnector(name, config);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20)).until(() ->
                PERSONALIZE.emulator().recorded().size(io.lakeloop.emulator.Operation.PUT_EVENTS) > 0);
        long first = System.nanoTime();
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(20)).until(() ->
                PERSONALIZE.emulator().recorded().size(io.lakeloop.emulator.Operation.PUT_EVENTS) >= events);
        long end = System.nanoTime();
        double seconds = (end - start) / 1e9;
        double steady = events / ((end - first) / 1e9);
        long distinct = PERSONALIZE.emulator().recorded().events().stream()
                .filter(e -> ("tracker-" + name).equals(e.trackingId())).map(e -> e.itemId()).distinct().count();
        assertThat(distinct).isEqualTo(events);
        CONNECT.deleteConnector(name);
        PERSONALIZE.emulator().recorded().clear();
        System.out.printf("%s: %,d events in %.1f s = %,.0f events/s from the REST call that created the connector "
                + "(task start and consumer-group join included), %,.0f events/s from the first accepted call%n",
                name, events, seconds, events / seconds, steady);
        return steady;
    }
}
