package io.lakeloop.bench.personalize;

import io.lakeloop.aws.AwsClients;
import io.lakeloop.aws.AwsSettings;
import io.lakeloop.connect.personalize.PersonalizeSinkTask;
import io.lakeloop.connect.personalize.client.CallFactory;
import io.lakeloop.connect.personalize.client.PersonalizeBatchCall;
import io.lakeloop.emulator.FaultSettings;
import io.lakeloop.emulator.Operation;
import io.lakeloop.emulator.PersonalizeEmulator;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.sink.SinkRecord;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.personalizeevents.PersonalizeEventsClient;

/**
 * The plugin's one HTTP client, chosen by measurement: the same task (32 calls in flight, batches of 10, 25 ms added
 * per call) sending 100,000 events through the Apache client (a pool of max.in.flight.requests connections, what
 * ClientFactory builds) and through the URL-connection client (the JDK's keep-alive cache, 5 idle connections per
 * host unless the JVM-wide http.maxConnections is raised). Prints events/s, CPU per event and the TCP connections
 * each opened (connections on the emulator's port in TIME_WAIT after the run: each is one connection closed, and
 * against AWS each new one is a TLS handshake).
 *
 * <p>Run: {@code java -Dsun.net.httpserver.nodelay=true -cp personalize-sink-bench.jar
 * io.lakeloop.bench.personalize.HttpClientBench [events]} (Linux: needs {@code ss}).
 */
public final class HttpClientBench {

    private static final TopicPartition TP = new TopicPartition("interactions", 0);

    private HttpClientBench() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        System.out.println("| client | events | events/s | connections opened | connector CPU µs/event |");
        System.out.println("|---|---|---|---|---|");
        for (int round = 0; round < 3; round++) {
            for (String client : List.of("apache", "url-connection")) {
                String row = run(client, round == 0 ? events / 2 : events);
                if (round > 0) { // round 0 warms the JIT for both
                    System.out.println(row);
                }
            }
        }
        System.exit(0);
    }

    private static String run(String client, int events) throws Exception {
        try (PersonalizeEmulator emulator = PersonalizeEmulator.builder().port(0).threads(128)
                .credentials("AKIDBENCH", "bench-secret").maxRecordsPerOperation(1_000)
                .requestsPerSecond(Operation.PUT_EVENTS, 0)
                .faults(FaultSettings.none().withLatency(25, 0, FaultSettings.LatencyDistribution.UNIFORM))
                .build().start()) {
            PersonalizeSinkTask task = new PersonalizeSinkTask(callFactory(client));
            task.initialize(BenchContext.of(Set.of(TP)));
            task.start(props(emulator));
            CpuMeter cpu = new CpuMeter();
            long start = System.nanoTime();
            for (int from = 0; from < events; from += 500) {
                task.put(poll(from, Math.min(events, from + 500)));
            }
            while (emulator.stats().snapshot().acceptedRecords(Operation.PUT_EVENTS) < events) {
                task.preCommit(Map.of(TP, new OffsetAndMetadata(events)));
                Thread.sleep(20);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long cpuNanos = cpu.elapsed()[0];
            task.stop();
            int connections = timeWait(emulator.port());
            return String.format("| %s | %,d | %,.0f | %,d | %.1f |", client, events, events / seconds, connections,
                    cpuNanos / 1e3 / events);
        }
    }

    private static CallFactory callFactory(String client) {
        if (client.equals("apache")) {
            return CallFactory.sdk();
        }
        return config -> {
            AwsSettings settings = config.awsSettings();
            PersonalizeEventsClient sdk = AwsClients.configure(PersonalizeEventsClient.builder(), settings)
                    .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
            return new CallFactory.Opened(new PersonalizeBatchCall(sdk, config.dataType(), config.target()), sdk);
        };
    }

    /** TCP connections on {@code port} in TIME_WAIT: one per connection closed, by either side. */
    private static int timeWait(int port) throws IOException, InterruptedException {
        Process ss = new ProcessBuilder("ss", "-tan", "state", "time-wait").redirectErrorStream(true).start();
        String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        ss.waitFor();
        int n = 0;
        for (String line : out.split("\n")) {
            if (line.contains(":" + port + " ")) {
                n++;
            }
        }
        return n;
    }

    private static List<SinkRecord> poll(int from, int to) {
        List<SinkRecord> poll = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            int session = i / 10;
            String value = "{\"user_id\":\"u" + session + "\",\"session_id\":\"s" + session + "\",\"item_id\":\"i" + i
                    + "\",\"event_type\":\"click\",\"timestamp\":" + (1_700_000_000L + i % 86_400) + "}";
            poll.add(new SinkRecord("interactions", 0, null, null, null, value, i, System.currentTimeMillis(),
                    TimestampType.LOG_APPEND_TIME));
        }
        return poll;
    }

    private static Map<String, String> props(PersonalizeEmulator emulator) {
        Map<String, String> p = new HashMap<>();
        p.put("name", "http-client-bench");
        p.put("personalize.tracking.id", "bench-http");
        p.put("aws.region", "us-east-1");
        p.put("aws.endpoint", URI.create(emulator.endpoint().toString()).toString());
        p.put("aws.credentials.provider", "static");
        p.put("aws.access.key.id", "AKIDBENCH");
        p.put("aws.secret.access.key", "bench-secret");
        p.put("batch.linger.ms", "5");
        p.put("rate.limit.requests.per.second", "0");
        p.put("max.in.flight.requests", "32");
        return p;
    }
}
