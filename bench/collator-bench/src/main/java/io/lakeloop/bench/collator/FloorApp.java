package io.lakeloop.bench.collator;

import com.sun.net.httpserver.HttpServer;
import io.lakeloop.streams.collator.CollatorConfig;
import io.lakeloop.streams.collator.EventCollator;
import java.io.OutputStream;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;

/**
 * A floor ({@link Floors}) as a process of its own, so the bench measures it exactly as it measures a collator
 * ({@link ContenderProcess}): the same properties file (the collator's keys give the topics; every other key goes to
 * Kafka Streams over the collator's Streams defaults, so both run with the same exactly-once, commit and producer
 * settings), the count of records written on {@code /metrics} as {@code lakeloop_collator_events_out_total}, and a
 * graceful close on SIGTERM.
 *
 * <pre>java -cp "$CP" io.lakeloop.bench.collator.FloorApp floor.properties
 *   (bench.floor=pass-through|collate|store|repartition-store|repartition-range-store)</pre>
 */
public final class FloorApp {

    /**
     * Which floor: {@code pass-through}, {@code collate} (the collator's logic, no state), {@code store} (the collator's point-lookup store, no repartition) or
     * {@code repartition-store} (the same after a repartition topic) or {@code repartition-range-store} (the same
     * with a range fetch over the retention instead of point lookups: the store before issue 16).
     */
    static final String KIND = "bench.floor";

    private FloorApp() {
    }

    public static void main(String[] args) throws Exception {
        Properties file = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(args[0]))) {
            file.load(in);
        }
        String kind = (String) file.remove(KIND);
        Map<String, Object> props = new HashMap<>();
        file.forEach((k, v) -> props.put((String) k, v));
        CollatorConfig config = CollatorConfig.of(props);
        String input = config.inputTopics().get(0);
        LongAdder out = new LongAdder();
        Topology topology = switch (kind) {
            case "pass-through" -> Floors.passThrough(input, config.outputTopic(), out);
            case "collate" -> Floors.collate(input, config.outputTopic(), EventCollator.of(config), out);
            case "store" -> Floors.store(input, config.outputTopic(), config.dedupeRetention(), out, false, true);
            case "repartition-store" -> Floors.store(input, config.outputTopic(), config.dedupeRetention(), out, true,
                    true);
            case "repartition-range-store" -> Floors.store(input, config.outputTopic(), config.dedupeRetention(), out,
                    true, false);
            default -> throw new IllegalArgumentException(KIND + ": " + kind);
        };
        KafkaStreams streams = new KafkaStreams(topology, config.streamsProperties());
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer http = HttpServer.create(new InetSocketAddress(config.httpHost(), config.httpPort()), 4);
        http.createContext("/metrics", exchange -> {
            byte[] body = ("lakeloop_collator_events_out_total " + out.sum() + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(body);
            }
        });
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            streams.close(Duration.ofSeconds(30));
            http.stop(0);
            stopped.countDown();
        }, "floor-shutdown"));
        streams.setStateListener((next, previous) -> {
            if (next == KafkaStreams.State.ERROR) {
                System.err.println("floor " + kind + ": Kafka Streams failed");
                Runtime.getRuntime().halt(1);
            }
        });
        streams.start();
        http.start();
        stopped.await();
    }
}
