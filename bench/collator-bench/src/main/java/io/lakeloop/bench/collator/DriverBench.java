package io.lakeloop.bench.collator;

import io.lakeloop.streams.collator.CollatorConfig;
import io.lakeloop.streams.collator.CollatorMetrics;
import io.lakeloop.streams.collator.CollatorTopology;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The processing cost alone: the real topology (parse, validate, render, repartition serde, dedupe in RocksDB)
 * through {@link TopologyTestDriver} on one thread, no broker. Prints events/s of CPU time (= per core) and wall.
 *
 * <pre>java -cp "$(cat bench/collator-bench/target/classpath.txt):bench/collator-bench/target/classes" \
 *   io.lakeloop.bench.collator.DriverBench [events]</pre>
 */
public final class DriverBench {

    private DriverBench() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        System.out.printf(Locale.ROOT, "TopologyTestDriver, %d events per run, 1 thread%n", events);
        for (boolean repartition : new boolean[] {true, false}) {
            for (Payloads.Shape shape : Payloads.Shape.values()) {
                run(shape, events / 5, repartition, true);
                run(shape, events, repartition, false);
            }
        }
    }

    static void run(Payloads.Shape shape, int events, boolean repartition, boolean warmup) throws Exception {
        Instant t0 = Instant.now();
        List<Payloads.Raw> raws = Payloads.generate(shape, events, t0.toEpochMilli() - 3_600_000, warmup ? 1 : 2);
        // TopologyTestDriver commits and checkpoints (fsync) after every record: on tmpfs that costs no disk flush,
        // so the figure is the processing cost, not the driver's per-record commit
        Path shm = Path.of("/dev/shm");
        Path stateDir = Files.isDirectory(shm) ? Files.createTempDirectory(shm, "collator-bench")
                : Files.createTempDirectory("collator-bench");
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", "unused:9092");
        props.put("state.dir", stateDir.toString());
        props.put(CollatorConfig.DEDUPE_REPARTITION_CONFIG, repartition);
        CollatorConfig config = CollatorConfig.of(props);
        CollatorMetrics metrics = new CollatorMetrics();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        try (TopologyTestDriver driver = new TopologyTestDriver(CollatorTopology.build(config, metrics),
                config.streamsProperties(), t0)) {
            TestInputTopic<byte[], byte[]> in = driver.createInputTopic(config.inputTopics().get(0),
                    new ByteArraySerializer(), new ByteArraySerializer());
            TestOutputTopic<byte[], byte[]> lake = driver.createOutputTopic(config.outputTopic(),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
            long cpu0 = mx.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            long out = 0;
            int n = 0;
            for (Payloads.Raw raw : raws) {
                in.pipeInput(raw.key(), raw.value(), t0.plusMillis(n));
                if (++n % 1000 == 0) {
                    out += lake.readValuesToList().size();
                }
            }
            out += lake.readValuesToList().size();
            long cpu = mx.getCurrentThreadCpuTime() - cpu0;
            long wall = System.nanoTime() - wall0;
            if (out != events || metrics.eventsOut() != events) {
                throw new IllegalStateException("expected " + events + " lake rows, got " + out);
            }
            if (!warmup) {
                System.out.printf(Locale.ROOT, "  %-8s repartition=%-5s  %,10.0f events/s per core (CPU)  %,10.0f events/s wall%n",
                        shape, repartition, events / (cpu / 1e9), events / (wall / 1e9));
            }
        } finally {
            Utils.delete(stateDir.toFile());
        }
    }
}
