package io.lakeloop.bench.collator;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of the application under test, in this JVM next to the broker: the Java threads named after its
 * application id (stream thread, its producer's I/O thread, heartbeat, cleaner) and RocksDB's native background
 * threads ({@code rocksdb:*} in {@code /proc/self/task/}: flushes and compactions of the state store; the broker
 * uses no RocksDB). The JVM's GC and JIT threads are shared with the broker and not counted.
 */
final class ThreadCpu {

    private static final long NANOS_PER_TICK = 1_000_000_000L / 100; // USER_HZ

    private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    private final String appId;
    private final Map<String, Long> base = new HashMap<>();

    ThreadCpu(String appId) {
        this.appId = appId;
    }

    /** Takes the current totals as the zero of later {@link #since()} calls. */
    void start() {
        base.clear();
        base.putAll(snapshot());
    }

    /** {total, stream threads, RocksDB native threads} in ns since {@link #start()}. */
    long[] since() {
        long total = 0;
        long stream = 0;
        long rocks = 0;
        for (Map.Entry<String, Long> e : snapshot().entrySet()) {
            long d = e.getValue() - base.getOrDefault(e.getKey(), 0L);
            total += d;
            if (e.getKey().matches("java \\d+ .*-StreamThread-\\d+")) {
                stream += d;
            } else if (e.getKey().startsWith("native rocksdb")) {
                rocks += d;
            }
        }
        return new long[] {total, stream, rocks};
    }

    private Map<String, Long> snapshot() {
        Map<String, Long> out = new HashMap<>();
        for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            // "<app>-<uuid>-StreamThread-1", "... | <app>-<uuid>-StreamThread-1-producer", "... heartbeat-thread | <app>"
            if (info != null && (info.getThreadName().contains(appId + "-")
                    || info.getThreadName().endsWith("| " + appId))) {
                long t = mx.getThreadCpuTime(info.getThreadId());
                if (t >= 0) {
                    out.put("java " + info.getThreadId() + " " + info.getThreadName(), t);
                }
            }
        }
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            tasks.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String comm = stat.substring(open + 1, close);
                    if (comm.startsWith("rocksdb")) {
                        String[] f = stat.substring(close + 2).split(" ");
                        // fields 14 and 15 of stat (utime, stime) are 11 and 12 after the comm
                        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                        out.put("native " + comm + " " + task.getFileName(), ticks * NANOS_PER_TICK);
                    }
                } catch (IOException | RuntimeException gone) {
                    // the thread ended between the listing and the read
                }
            });
        } catch (IOException e) {
            // not Linux: Java threads only
        }
        return out;
    }

    /** The 1-minute load average, or NaN when unknown. */
    static double load1() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
