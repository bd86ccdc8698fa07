package io.lakeloop.bench.collator;

import io.lakeloop.streams.collator.CollatorConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.common.utils.Utils;

/**
 * Memory with many distinct event ids in the dedupe window: N distinct flat events (no producer ids, 10,000 users,
 * keyed by user) are pre-loaded into a 4-partition topic of a broker in this JVM, then collated by the collator
 * running as its own process ({@code CollatorApp}, one stream thread, {@code -Xmx} as given), so its RSS is its own.
 * When every event is out it prints: the collator's RSS (now and peak), its heap after a full GC, the dedupe store's
 * RocksDB files on disk, the state directory, and the process's CPU per event. Then it stops the collator and checks
 * the lake topic (read_committed) holds each event once.
 *
 * <pre>bench/collator-bench/run.sh memory [events (10000000)]
 * -Dbench.heap=512m (the collator's -Xmx), -Dbench.rocksdb.default=true (Kafka Streams' RocksDB settings instead of
 * the collator's bounded ones)</pre>
 */
public final class MemoryBench {

    private static final Pattern EVENTS_OUT = Pattern.compile("(?m)^lakeloop_collator_events_out_total (\\d+)");

    private MemoryBench() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        String heap = System.getProperty("bench.heap", "512m");
        boolean defaultRocks = Boolean.getBoolean("bench.rocksdb.default");
        System.out.printf(Locale.ROOT, "collator MemoryBench: %,d distinct flat events, collator -Xmx%s, RocksDB %s%n",
                events, heap, defaultRocks ? "Kafka Streams defaults" : "collator defaults (bounded)");
        System.out.println(Machine.describe());
        Path dir = Files.createTempDirectory("collator-memory");
        try (BenchBroker broker = new BenchBroker()) {
            broker.createTopic("memory-in", BrokerBench.PARTITIONS);
            long t0 = System.nanoTime();
            broker.preload("memory-in", Payloads.stream(Payloads.Shape.FLAT, events,
                    System.currentTimeMillis() - 3_600_000, 1));
            System.out.printf(Locale.ROOT, "pre-loaded in %.0f s%n", (System.nanoTime() - t0) / 1e9);

            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Properties props = new Properties();
            props.put("bootstrap.servers", broker.bootstrapServers());
            props.put("application.id", "memory");
            props.put("state.dir", dir.resolve("state").toString());
            props.put("num.stream.threads", "1");
            props.put(CollatorConfig.INPUT_TOPICS_CONFIG, "memory-in");
            props.put(CollatorConfig.OUTPUT_TOPIC_CONFIG, "memory.out");
            props.put(CollatorConfig.DLQ_TOPIC_CONFIG, "memory.dlq");
            props.put(CollatorConfig.HTTP_HOST_CONFIG, "127.0.0.1");
            props.put(CollatorConfig.HTTP_PORT_CONFIG, String.valueOf(port));
            if (defaultRocks) {
                props.put("rocksdb.config.setter", DefaultRocksDb.class.getName());
            }
            Path file = dir.resolve("collator.properties");
            try (var out = Files.newBufferedWriter(file)) {
                props.store(out, "MemoryBench");
            }
            List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + heap, "-cp", System.getProperty("java.class.path"),
                    "io.lakeloop.streams.collator.CollatorApp", file.toString());
            Process collator = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("collator.log").toFile()).start();
            try {
                measure(collator, port, events, dir.resolve("state"));
            } finally {
                collator.destroy();
                if (!collator.waitFor(60, TimeUnit.SECONDS)) {
                    collator.destroyForcibly();
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

    private static void measure(Process collator, int port, int events, Path stateDir) throws Exception {
        long pid = collator.pid();
        long peakRss = 0;
        long t0 = System.nanoTime();
        long out = 0;
        long lastPrint = 0;
        while (out < events) {
            if (!collator.isAlive()) {
                throw new IllegalStateException("the collator exited with " + collator.exitValue());
            }
            Thread.sleep(2000);
            out = eventsOut(port);
            peakRss = Math.max(peakRss, status(pid, "VmRSS"));
            if (System.nanoTime() - lastPrint > 30e9) {
                lastPrint = System.nanoTime();
                System.out.printf(Locale.ROOT, "  %5.0f s  %,12d events out  RSS %,5d MiB  state %,6d MiB  %s%n",
                        (lastPrint - t0) / 1e9, out, peakRss >> 10, size(stateDir) >> 20, Machine.load());
            }
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        long cpuTicks = cpuTicks(pid);
        long rssBeforeGc = status(pid, "VmRSS");
        String heapInfo = jcmd(pid, "GC.run") + jcmd(pid, "GC.heap_info");
        System.out.printf(Locale.ROOT, "all %,d events out in %.0f s; the collator process used %.0f s of CPU "
                + "(%,.0f events per CPU-second, JIT, GC and start-up included)%n", events, wall, cpuTicks / 100.0,
                events / (cpuTicks / 100.0));
        System.out.printf(Locale.ROOT, "RSS %,d MiB (peak seen %,d MiB, VmHWM %,d MiB)%n", rssBeforeGc >> 10,
                peakRss >> 10, status(pid, "VmHWM") >> 10);
        Matcher used = Pattern.compile("used (\\d+)K").matcher(heapInfo);
        System.out.printf(Locale.ROOT, "heap after a full GC: %s%n",
                used.find() ? (Long.parseLong(used.group(1)) >> 10) + " MiB used" : "unknown: " + heapInfo);
        System.out.printf(Locale.ROOT, "state directory %,d MiB, of it RocksDB SST files %,d MiB in %d files%n",
                size(stateDir) >> 20, sstBytes(stateDir)[0] >> 20, sstBytes(stateDir)[1]);
    }

    static long eventsOut(int port) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/metrics").toURL()
                    .openConnection();
            c.setConnectTimeout(2000);
            c.setReadTimeout(5000);
            try (InputStream in = c.getInputStream()) {
                Matcher m = EVENTS_OUT.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                return m.find() ? Long.parseLong(m.group(1)) : 0;
            }
        } catch (IOException notYet) {
            return 0;
        }
    }

    private static long status(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("\\D+", ""));
            }
        }
        return -1;
    }

    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static String jcmd(long pid, String command) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
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
