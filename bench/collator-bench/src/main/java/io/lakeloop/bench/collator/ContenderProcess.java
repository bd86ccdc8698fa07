package io.lakeloop.bench.collator;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One application under test in a JVM of its own (the broker stays in the bench's JVM): a collator
 * ({@code CollatorApp}, of this build or of any other build's classpath) or a floor ({@link FloorApp}). So its CPU
 * time is its own, all of it — stream thread, producer I/O, RocksDB, GC, JIT — and builds of different commits can
 * run side by side on the same broker and input.
 *
 * <p>Progress is read from its HTTP {@code /metrics} ({@code lakeloop_collator_events_out_total}: every collator
 * build and {@link FloorApp} serve it), CPU time from {@code /proc/<pid>/stat} (the whole process, exited threads
 * included) and, by thread, from {@code /proc/<pid>/task/<tid>/stat}: Linux names each Java thread after its first
 * 15 characters, which is enough to tell the stream thread (named after the application id), the producer's I/O
 * thread, RocksDB's background threads, GC and JIT apart ({@link #threadClass}).
 */
final class ContenderProcess implements AutoCloseable {

    /**
     * The count as every build writes it: "123" (hand-written text before Micrometer, {@link FloorApp}) or "123.0",
     * "1.0E7" (Micrometer's Prometheus registry prints a double), with or without labels.
     */
    private static final Pattern EVENTS_OUT = Pattern.compile(
            "(?m)^lakeloop_collator_events_out_total(?:\\{[^}]*})? ([0-9.Ee+]+)");
    private static final long NANOS_PER_TICK = 1_000_000_000L / 100; // USER_HZ

    /** The classes of threads CPU time is reported by, in print order. */
    static final List<String> THREAD_CLASSES = List.of("stream", "producer", "rocksdb", "gc", "jit", "other");

    private final Process process;
    private final int port;
    private final String appId;
    private final Path log;

    private ContenderProcess(Process process, int port, String appId, Path log) {
        this.process = process;
        this.port = port;
        this.appId = appId;
        this.log = log;
    }

    /**
     * Starts {@code mainClass} with {@code classpath} and one argument: a properties file holding {@code props} plus
     * the HTTP port; {@code jvmOptions} go before the class ({@code %a} in them is replaced by the application id).
     */
    static ContenderProcess start(String classpath, String mainClass, Map<String, Object> props,
                                  List<String> jvmOptions, Path dir) throws IOException {
        int port = freePort();
        String appId = String.valueOf(props.get("application.id"));
        Properties p = new Properties();
        props.forEach((k, v) -> p.setProperty(k, String.valueOf(v)));
        p.setProperty("collator.http.host", "127.0.0.1");
        p.setProperty("collator.http.port", String.valueOf(port));
        Path file = dir.resolve(appId + ".properties");
        try (Writer out = Files.newBufferedWriter(file)) {
            p.store(out, "bench contender");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        jvmOptions.forEach(o -> cmd.add(o.replace("%a", appId)));
        cmd.addAll(List.of("-cp", classpath, mainClass, file.toString()));
        Path log = dir.resolve(appId + ".log");
        Process process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ContenderProcess(process, port, appId, log);
    }

    /** What the process has printed so far (its log file). */
    String output() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    long pid() {
        return process.pid();
    }

    /** Events written so far, as the application counts them; -1 while its HTTP server is not up yet. */
    long eventsOut() {
        if (!process.isAlive()) {
            throw new IllegalStateException(appId + " exited with " + process.exitValue() + "; its log: " + log);
        }
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/metrics").toURL()
                    .openConnection();
            c.setConnectTimeout(2000);
            c.setReadTimeout(10_000);
            try (InputStream in = c.getInputStream()) {
                Matcher m = EVENTS_OUT.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                return m.find() ? (long) Double.parseDouble(m.group(1)) : -1;
            }
        } catch (IOException notYet) {
            return -1;
        }
    }

    /** CPU time of the whole process (every thread, exited ones included), ns. */
    long cpuNanos() throws IOException {
        String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * NANOS_PER_TICK;
    }

    /** CPU time of the live threads by class ({@link #THREAD_CLASSES}), ns. */
    Map<String, Long> cpuByThreadClass() {
        Map<String, Long> out = new LinkedHashMap<>();
        THREAD_CLASSES.forEach(c -> out.put(c, 0L));
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + process.pid() + "/task"))) {
            tasks.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ns = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * NANOS_PER_TICK;
                    out.merge(threadClass(comm, appId), ns, Long::sum);
                } catch (IOException | RuntimeException gone) {
                    // the thread ended between the listing and the read
                }
            });
        } catch (IOException gone) {
            // the process ended
        }
        return out;
    }

    /** The class of a thread by its Linux name (the first 15 characters of the Java thread's name). */
    static String threadClass(String comm, String appId) {
        String prefix = (appId + "-").substring(0, Math.min(appId.length() + 1, 15));
        if (comm.startsWith(prefix)) {
            return "stream"; // <application.id>-<uuid>-StreamThread-n (and its idle cleanup thread)
        }
        if (comm.startsWith("kafka-producer-")) {
            return "producer";
        }
        if (comm.startsWith("rocksdb:")) {
            return "rocksdb";
        }
        if (comm.startsWith("GC Thread") || comm.startsWith("G1 ")) {
            return "gc";
        }
        if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
            return "jit";
        }
        return "other";
    }

    /** Resident set size now, KiB. */
    long rssKib() throws IOException {
        return status("VmRSS");
    }

    /** Peak resident set size, KiB. */
    long peakRssKib() throws IOException {
        return status("VmHWM");
    }

    private long status(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("\\D+", ""));
            }
        }
        return -1;
    }

    /** Output of {@code jcmd <pid> <command>}. */
    String jcmd(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(process.pid()), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
    }

    /** SIGTERM (a graceful stop: the collator commits and closes), then SIGKILL after a minute. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
