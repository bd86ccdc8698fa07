package io.lakeloop.bench.s3;

import io.lakeloop.aws.AwsSettings;
import io.lakeloop.connect.s3.S3SinkTask;
import io.lakeloop.connect.s3.storage.S3ObjectStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * MB/s of JSON-lines input that one S3 sink task lands gzipped in S3, next to the physical limit measured in the same
 * run on the same bytes: the JDK's gzip at the same level on one core. Also reports the heap the run needed.
 *
 * <p>Run (see BENCHMARKS.md): {@code bench/s3-sink-bench/run.sh}, or by hand against any S3 endpoint:
 * {@code java -Xmx96m -jar bench/s3-sink-bench/target/s3-sink-bench.jar endpoint=http://127.0.0.1:9000 mb=256}
 */
public final class S3SinkBenchMain {

    private static final String[] TYPES = {"click", "view", "add_to_cart", "purchase", "like", "share"};

    private S3SinkBenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>(Map.of("mb", "256", "level", "6", "budget", String.valueOf(32 << 20),
                "bucket", "bench", "access", "lakeloop", "secret", "lakeloop-secret", "objects", "4"));
        for (String a : args) {
            int eq = a.indexOf('=');
            opts.put(a.substring(0, eq), a.substring(eq + 1));
        }
        if (!opts.containsKey("endpoint")) {
            throw new IllegalArgumentException("endpoint=http://host:port is required");
        }
        int level = Integer.parseInt(opts.get("level"));
        long targetBytes = Long.parseLong(opts.get("mb")) << 20;
        int objects = Integer.parseInt(opts.get("objects"));
        byte[][] pool = pool(8192, new Random(42));
        long avg = 0;
        for (byte[] p : pool) {
            avg += p.length + 1;
        }
        avg /= pool.length;
        long records = Math.max(objects, (targetBytes / avg) / objects * objects);

        HeapSampler heap = HeapSampler.start();
        System.out.printf(Locale.ROOT, "machine: %d cores, %s, max heap %d MiB%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20);
        int rounds = Integer.parseInt(opts.getOrDefault("rounds", "3"));
        gzipLimit(pool, records / 4, level); // warm-up

        S3Client s3 = S3ObjectStore.client(AwsSettings.forEndpoint(URI.create(opts.get("endpoint")), "us-east-1",
                opts.get("access"), opts.get("secret")), true);
        String bucket = opts.get("bucket");
        if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(bucket))) {
            s3.createBucket(b -> b.bucket(bucket));
        }
        sink(opts, pool, records / 4, objects, level, "warmup"); // warm-up
        heap.reset();
        // alternate the two so both see the same machine load; report medians
        List<Result> limits = new ArrayList<>();
        List<Result> sinks = new ArrayList<>();
        long landed = 0;
        for (int r = 0; r < rounds; r++) {
            limits.add(gzipLimit(pool, records, level));
            sinks.add(sink(opts, pool, records, objects, level, "measured-" + r));
            landed += countLines(s3, bucket, "measured-" + r + "/");
            System.out.printf(Locale.ROOT, "round %d: gzip limit %s | sink %s%n", r + 1, limits.get(r), sinks.get(r));
        }
        Result limit = median(limits, Result::mbPerS);
        Result sink = median(sinks, Result::mbPerS);
        Result limitCpu = median(limits, Result::mbPerCpuS);
        Result sinkCpu = median(sinks, Result::mbPerCpuS);
        System.out.printf(Locale.ROOT, "gzip limit (JDK GZIPOutputStream level %d, 1 core), median of %d: %s%n", level,
                rounds, limit);
        System.out.printf(Locale.ROOT, "S3 sink (one task, level %d, budget %d MiB), median of %d: %s%n", level,
                Long.parseLong(opts.get("budget")) >> 20, rounds, sink);
        System.out.printf(Locale.ROOT, "ratio sink/limit, wall clock: %.1f %%%n", 100.0 * sink.mbPerS() / limit.mbPerS());
        System.out.printf(Locale.ROOT, "ratio sink/limit, per CPU second of the writing thread: %.1f %% "
                + "(%.1f vs %.1f MB per CPU-s)%n", 100.0 * sinkCpu.mbPerCpuS() / limitCpu.mbPerCpuS(),
                sinkCpu.mbPerCpuS(), limitCpu.mbPerCpuS());
        System.out.printf(Locale.ROOT, "records landed: %d of %d (%s)%n", landed, records * rounds,
                landed == records * rounds ? "all, once" : "MISMATCH");
        System.out.printf(Locale.ROOT, "heap used during the measured run: peak %d MiB (sampled every 20 ms), max heap %d MiB%n",
                heap.peak() >> 20, Runtime.getRuntime().maxMemory() >> 20);
        heap.stop();
        s3.close();
    }

    /** Bytes in, wall time, and CPU time of the thread that did the work. */
    record Result(long bytes, long nanos, long cpuNanos) {
        double mbPerS() {
            return bytes / 1048576.0 / (nanos / 1e9);
        }

        double mbPerCpuS() {
            return bytes / 1048576.0 / (cpuNanos / 1e9);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.1f MB/s (%d MiB in %.2f s, %.2f s CPU)", mbPerS(), bytes >> 20,
                    nanos / 1e9, cpuNanos / 1e9);
        }
    }

    static Result median(List<Result> results, java.util.function.ToDoubleFunction<Result> by) {
        List<Result> sorted = new ArrayList<>(results);
        sorted.sort(java.util.Comparator.comparingDouble(by));
        return sorted.get(sorted.size() / 2);
    }

    private static long cpu() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /** The same line bytes the sink writes, through the JDK's gzip at the same level, into nothing. */
    static Result gzipLimit(byte[][] pool, long records, int level) throws IOException {
        OutputStream discard = OutputStream.nullOutputStream();
        long bytes = 0;
        long c0 = cpu();
        long t0 = System.nanoTime();
        try (GZIPOutputStream gz = new GZIPOutputStream(discard, 16 * 1024) {
            {
                def.setLevel(level);
            }
        }) {
            for (long i = 0; i < records; i++) {
                byte[] line = pool[(int) (i % pool.length)];
                gz.write(line);
                gz.write('\n');
                bytes += line.length + 1;
            }
        }
        return new Result(bytes, System.nanoTime() - t0, cpu() - c0);
    }

    static Result sink(Map<String, String> opts, byte[][] pool, long records, int objects, int level, String prefix) {
        Map<String, String> config = new HashMap<>();
        config.put("name", "bench-" + prefix);
        config.put("s3.bucket", opts.get("bucket"));
        config.put("s3.key.layout", "custom");
        config.put("s3.key.template", prefix + "/{topic}+{partition}+{start_offset}");
        config.put("compression", "gzip");
        config.put("compression.level", String.valueOf(level));
        config.put("rotate.records", String.valueOf(records / objects));
        config.put("rotate.bytes", "0");
        config.put("rotate.schedule.interval.ms", "0");
        config.put("memory.budget.bytes", opts.get("budget"));
        config.put("s3.part.size.bytes", String.valueOf(8 << 20));
        config.put("aws.endpoint", opts.get("endpoint"));
        config.put("aws.region", "us-east-1");
        config.put("aws.credentials.provider", "static");
        config.put("aws.access.key.id", opts.get("access"));
        config.put("aws.secret.access.key", opts.get("secret"));
        config.put("s3.path.style.access", "true");
        S3SinkTask task = new S3SinkTask();
        task.initialize(context());
        task.start(config);
        TopicPartition tp = new TopicPartition("interactions", 0);
        task.open(List.of(tp));
        String[] values = new String[pool.length];
        for (int i = 0; i < pool.length; i++) {
            values[i] = new String(pool[i], StandardCharsets.UTF_8);
        }
        long bytes = 0;
        long c0 = cpu();
        long t0 = System.nanoTime();
        List<SinkRecord> batch = new ArrayList<>(500);
        for (long offset = 0; offset < records; offset++) {
            String v = values[(int) (offset % values.length)];
            batch.add(new SinkRecord("interactions", 0, null, null, null, v, offset, 1_700_000_000_000L,
                    TimestampType.CREATE_TIME));
            bytes += pool[(int) (offset % pool.length)].length + 1;
            if (batch.size() == 500 || offset == records - 1) {
                task.put(batch);
                batch = new ArrayList<>(500);
            }
        }
        long nanos = System.nanoTime() - t0;
        long cpuNanos = cpu() - c0;
        task.stop();
        return new Result(bytes, nanos, cpuNanos);
    }

    static long countLines(S3Client s3, String bucket, String prefix) throws IOException {
        long lines = 0;
        for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(
                    s3.getObjectAsBytes(b -> b.bucket(bucket).key(o.key())).asByteArray()), 65536)) {
                byte[] buf = new byte[65536];
                int n;
                while ((n = in.read(buf)) > 0) {
                    for (int i = 0; i < n; i++) {
                        if (buf[i] == '\n') {
                            lines++;
                        }
                    }
                }
            }
        }
        return lines;
    }

    /** Flat interaction events like the producers send, about 300 bytes each, with realistic variety. */
    static byte[][] pool(int n, Random rnd) {
        byte[][] out = new byte[n][];
        for (int i = 0; i < n; i++) {
            String json = String.format(Locale.ROOT, "{\"user_id\":\"user-%07d\",\"session_id\":\"%016x%016x\","
                            + "\"item_id\":\"item-%06d\",\"event_type\":\"%s\",\"timestamp\":%d,\"event_value\":%.2f,"
                            + "\"event_id\":\"%032x\",\"properties\":{\"page\":\"/catalog/%d\",\"device\":\"%s\","
                            + "\"campaign\":\"cmp-%03d\"}}",
                    rnd.nextInt(10_000_000), rnd.nextLong(), rnd.nextLong(), rnd.nextInt(1_000_000),
                    TYPES[rnd.nextInt(TYPES.length)], 1_700_000_000_000L + rnd.nextInt(86_400_000),
                    rnd.nextDouble() * 100, new java.math.BigInteger(128, rnd), rnd.nextInt(5000),
                    rnd.nextBoolean() ? "mobile" : "desktop", rnd.nextInt(1000));
            out[i] = json.getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }

    private static SinkTaskContext context() {
        return (SinkTaskContext) Proxy.newProxyInstance(S3SinkBenchMain.class.getClassLoader(),
                new Class<?>[] {SinkTaskContext.class}, (p, m, a) -> switch (m.getName()) {
                    case "assignment" -> Set.of();
                    case "configs" -> Map.of();
                    case "hashCode" -> 0;
                    case "equals" -> false;
                    case "toString" -> "bench";
                    default -> null;
                });
    }

    /** Samples the used heap; the peak includes garbage not yet collected, so it is an upper bound. */
    static final class HeapSampler implements Runnable {
        private final AtomicLong peak = new AtomicLong();
        private volatile boolean running = true;

        static HeapSampler start() {
            HeapSampler s = new HeapSampler();
            Thread t = new Thread(s, "heap-sampler");
            t.setDaemon(true);
            t.start();
            return s;
        }

        @Override
        public void run() {
            var memory = ManagementFactory.getMemoryMXBean();
            while (running) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void reset() {
            System.gc();
            peak.set(0);
        }

        long peak() {
            return peak.get();
        }

        void stop() {
            running = false;
        }
    }
}
