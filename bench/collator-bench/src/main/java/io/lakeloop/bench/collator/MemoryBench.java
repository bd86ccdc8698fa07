package io.lakeloop.bench.collator;

import io.lakeloop.streams.collator.CollatorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.common.utils.Utils;

/**
 * Memory with many distinct event ids in the dedupe window: N distinct events (no producer ids, 10,000 users, keyed
 * by user; tracker batches of ten by default, so the pre-load and the run take a tenth of the records of flat events
 * for the same ids in the store, {@code -Dbench.shape=FLAT} for flat ones) are pre-loaded into a 4-partition topic of
 * a broker in this JVM, then collated by the collator running as its own process ({@link ContenderProcess}, one
 * stream thread, {@code -Xmx} as given), so its RSS is its own. When every event is out it prints: the collator's
 * RSS (now and peak), its heap after a full GC, the dedupe store's RocksDB files on disk, the state directory, and
 * the process's CPU per event. Then it stops the collator and checks the lake topic (read_committed) holds each
 * event once. It gives up after {@code -Dbench.timeout.s} (3,600) seconds. Then (unless {@code -Dbench.restart=false})
 * it starts the collator again on the same state directory and prints how long each task took to fill its dedupe
 * filters from its store (every id of the window) and the heap after a full GC with all filters filled.
 *
 * <pre>bench/collator-bench/run.sh memory [events (10000000)]
 * -Dbench.heap=512m (the collator's -Xmx), -Dbench.rocksdb.default=true (Kafka Streams' RocksDB settings instead of
 * the collator's bounded ones)</pre>
 */
public final class MemoryBench {

    private MemoryBench() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        String heap = System.getProperty("bench.heap", "512m");
        Payloads.Shape shape = Payloads.Shape.valueOf(System.getProperty("bench.shape", "BATCH10"));
        boolean defaultRocks = Boolean.getBoolean("bench.rocksdb.default");
        System.out.printf(Locale.ROOT, "collator MemoryBench: %,d distinct events (%s), collator -Xmx%s, RocksDB %s%n",
                events, shape, heap, defaultRocks ? "Kafka Streams defaults" : "collator defaults (bounded)");
        System.out.println(Machine.describe());
        Path dir = Files.createTempDirectory("collator-memory");
        try (BenchBroker broker = new BenchBroker()) {
            broker.createTopic("memory-in", BrokerBench.PARTITIONS);
            long t0 = System.nanoTime();
            broker.preload("memory-in", Payloads.stream(shape, events, System.currentTimeMillis() - 3_600_000, 1));
            System.out.printf(Locale.ROOT, "pre-loaded in %.0f s%n", (System.nanoTime() - t0) / 1e9);
            Map<String, Object> props = new HashMap<>();
            props.put("bootstrap.servers", broker.bootstrapServers());
            props.put("application.id", "memory");
            props.put("state.dir", dir.resolve("state").toString());
            props.put("num.stream.threads", "1");
            props.put(CollatorConfig.INPUT_TOPICS_CONFIG, "memory-in");
            props.put(CollatorConfig.OUTPUT_TOPIC_CONFIG, "memory.out");
            props.put(CollatorConfig.DLQ_TOPIC_CONFIG, "memory.dlq");
            if (defaultRocks) {
                props.put("rocksdb.config.setter", DefaultRocksDb.class.getName());
            }
            try (ContenderProcess collator = ContenderProcess.start(System.getProperty("java.class.path"),
                    "io.lakeloop.streams.collator.CollatorApp", props, List.of("-Xmx" + heap), dir)) {
                measure(collator, events, dir.resolve("state"));
            }
            if (!"false".equals(System.getProperty("bench.restart"))) {
                // the bench's log4j2.xml (it prints the "dedupe filters filled" lines restart() waits for), named:
                // Kafka's test jars on this classpath carry a log4j2.yaml, which log4j would prefer
                String log4j = "-Dlog4j2.configurationFile=" + MemoryBench.class.getResource("/log4j2.xml");
                try (ContenderProcess again = ContenderProcess.start(System.getProperty("java.class.path"),
                        "io.lakeloop.streams.collator.CollatorApp", props, List.of("-Xmx" + heap, log4j), dir)) {
                    restart(again);
                }
            }
            long[] check = broker.committedAndDistinctLarge("memory.out");
            System.out.printf(Locale.ROOT, "lake topic, read_committed: %,d rows, %,d distinct event ids (sent %,d)%n",
                    check[0], check[1], events);
            if (check[0] != events || check[1] != events) {
                throw new IllegalStateException("not exactly once");
            }
        } finally {
            Utils.delete(dir.toFile());
        }
        System.out.println("finished, " + Machine.load());
    }

    private static void measure(ContenderProcess collator, int events, Path stateDir) throws Exception {
        long timeoutNs = Long.getLong("bench.timeout.s", 3600) * 1_000_000_000L;
        long peakRss = 0;
        long t0 = System.nanoTime();
        long out = 0;
        long lastPrint = t0;
        while (out < events) {
            if (System.nanoTime() - t0 > timeoutNs) {
                throw new IllegalStateException("gave up after " + (System.nanoTime() - t0) / 1_000_000_000L
                        + " s with " + out + " events out");
            }
            Thread.sleep(2000);
            out = collator.eventsOut();
            peakRss = Math.max(peakRss, collator.rssKib());
            if (System.nanoTime() - lastPrint > 30e9) {
                lastPrint = System.nanoTime();
                System.out.printf(Locale.ROOT, "  %5.0f s  %,12d events out  RSS %,5d MiB  state %,6d MiB  %s%n",
                        (lastPrint - t0) / 1e9, out, peakRss >> 10, size(stateDir) >> 20, Machine.load());
            }
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = collator.cpuNanos() / 1e9;
        long rssBeforeGc = collator.rssKib();
        String heapInfo = collator.jcmd("GC.run") + collator.jcmd("GC.heap_info");
        System.out.printf(Locale.ROOT, "all %,d events out in %.0f s; the collator process used %.0f s of CPU "
                + "(%,.0f events per CPU-second, JIT, GC and start-up included)%n", events, wall, cpu, events / cpu);
        System.out.printf(Locale.ROOT, "RSS %,d MiB (peak seen %,d MiB, VmHWM %,d MiB)%n", rssBeforeGc >> 10,
                peakRss >> 10, collator.peakRssKib() >> 10);
        Matcher used = Pattern.compile("used (\\d+)K").matcher(heapInfo);
        System.out.printf(Locale.ROOT, "heap after a full GC: %s%n",
                used.find() ? (Long.parseLong(used.group(1)) >> 10) + " MiB used" : "unknown: " + heapInfo);
        long[] sst = sstBytes(stateDir);
        System.out.printf(Locale.ROOT, "state directory %,d MiB, of it RocksDB SST files %,d MiB in %d files%n",
                size(stateDir) >> 20, sst[0] >> 20, sst[1]);
    }

    /** Waits for every task's "dedupe filters filled" log line and prints them with the heap after a full GC. */
    private static void restart(ContenderProcess collator) throws Exception {
        Pattern filled = Pattern.compile(
                "task (\\S+): dedupe filters filled from the (\\d+) ids of its store in (\\d+) ms");
        long t0 = System.nanoTime();
        List<String> lines = new ArrayList<>();
        while (lines.size() < BrokerBench.PARTITIONS) {
            if (System.nanoTime() - t0 > 1_800_000_000_000L) {
                throw new IllegalStateException("the restarted collator did not fill its filters in 30 min");
            }
            Thread.sleep(1000);
            collator.eventsOut(); // fails if the process died
            lines.clear();
            Matcher m = filled.matcher(collator.output());
            while (m.find()) {
                lines.add(String.format(Locale.ROOT, "task %s: %,d ids in %,d ms", m.group(1),
                        Long.parseLong(m.group(2)), Long.parseLong(m.group(3))));
            }
        }
        System.out.printf(Locale.ROOT, "restarted on the same state directory: filters filled %s; %.0f s from the "
                + "process start%n", lines, (System.nanoTime() - t0) / 1e9);
        String heapInfo = collator.jcmd("GC.run") + collator.jcmd("GC.heap_info");
        Matcher used = Pattern.compile("used (\\d+)K").matcher(heapInfo);
        System.out.printf(Locale.ROOT, "heap after a full GC with every filter filled: %s; RSS %,d MiB%n",
                used.find() ? (Long.parseLong(used.group(1)) >> 10) + " MiB used" : "unknown: " + heapInfo,
                collator.rssKib() >> 10);
    }

    private static long size(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(MemoryBench::sizeOf).sum();
        }
    }

    private static long[] sstBytes(Path dir) throws IOException {
        List<Long> sizes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(f -> f.toString().endsWith(".sst")).forEach(f -> sizes.add(sizeOf(f)));
        }
        return new long[] {sizes.stream().mapToLong(Long::longValue).sum(), sizes.size()};
    }

    private static long sizeOf(Path f) {
        try {
            return Files.size(f);
        } catch (IOException gone) {
            return 0;
        }
    }

    /** Kafka Streams' own RocksDB settings (per instance cache and memtables), for the comparison. */
    public static final class DefaultRocksDb implements org.apache.kafka.streams.state.RocksDBConfigSetter {
        @Override
        public void setConfig(String storeName, org.rocksdb.Options options, java.util.Map<String, Object> configs) {
            // nothing: what Kafka Streams sets
        }

        @Override
        public void close(String storeName, org.rocksdb.Options options) {
            // nothing to release
        }
    }
}
