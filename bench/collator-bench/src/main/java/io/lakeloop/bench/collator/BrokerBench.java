package io.lakeloop.bench.collator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.utils.Utils;

/**
 * The collator on a real KRaft broker under exactly-once, side by side with Kafka Streams' own floor in the same run,
 * on the same broker, input topic and partitions, one stream thread each, every contender in a JVM of its own
 * ({@link ContenderProcess}; the broker stays in this JVM):
 *
 * <ul>
 *   <li>{@code floor: pass-through} — bytes in, bytes out, exactly-once, no state ({@link Floors#passThrough});</li>
 *   <li>{@code floor: collate, no state} — the collator's own logic (parse, validate, render) on the pass-through,
 *       with no dedupe state ({@link Floors#collate}): the ceiling of any dedupe design, so the ratio a dedupe can
 *       reach at best;</li>
 *   <li>{@code floor: store} — the collator's Streams shape without parsing, for input keyed by user: three point
 *       lookups and a put in a window store of the same retention ({@link Floors#store});</li>
 *   <li>{@code floor: repartition + store} — the same after a repartition topic (the shape of input not keyed by
 *       user);</li>
 *   <li>optionally ({@code -Dbench.floor.range=true}) {@code floor: repartition + range-scan store} — the same with
 *       the store as the collator had it before issue 16: one range fetch over the retention instead of point
 *       lookups in buckets (an A/B of that change with no other difference);</li>
 *   <li>the collator of this build with its defaults, and on input not keyed by user (every event then takes the
 *       {@code by-user} topic);</li>
 *   <li>optionally the collator of another build ({@code -Dbench.baseline.cp=<classpath>}, named by
 *       {@code -Dbench.baseline.name}), for a before/after in the same run;</li>
 *   <li>optionally this build with other settings: {@code -Dbench.extra="name:key=value,key=value;name2:..."}.</li>
 * </ul>
 *
 * Each contender reads the same pre-loaded input (warm-up + measured events) under its own application id and state
 * directory. It is measured from the moment it has written the warm-up's events until it has written all: events /
 * CPU time of its process over that interval (every thread: stream thread, producer I/O, RocksDB, GC, JIT), with
 * the ratio to the pass-through floor of the same repetition and the CPU by thread class. After every run the
 * output topic is read back with {@code isolation.level=read_committed} and must hold each event exactly once (and a
 * collator's dead-letter topic nothing), or the bench stops.
 *
 * <pre>bench/collator-bench/run.sh [events per run (400000)] [repetitions (2)]
 * -Dbench.shapes=FLAT,BATCH10  -Dbench.only=&lt;name part&gt; (the pass-through floor always runs)
 * -Dbench.floor.range=true (the range-scan store floor too)
 * CONTENDER_JAVA_OPTS (default -Xmx512m; %a = the application id, e.g. a JFR file per run)</pre>
 */
public final class BrokerBench {

    static final int PARTITIONS = 4;
    private static final long POLL_MS = 250;

    private final BenchBroker broker;
    private final Path dir;
    private final String classpath = System.getProperty("java.class.path");
    private final List<String> jvmOptions;
    private int run;

    private BrokerBench(BenchBroker broker, Path dir) {
        this.broker = broker;
        this.dir = dir;
        String opts = System.getenv().getOrDefault("CONTENDER_JAVA_OPTS", "-Xmx512m").trim();
        this.jvmOptions = opts.isEmpty() ? List.of() : Arrays.asList(opts.split("\\s+"));
    }

    enum Kind {
        FLOOR_PASS_THROUGH("pass-through"), FLOOR_COLLATE("collate"), FLOOR_STORE("store"),
        FLOOR_REPARTITION_STORE("repartition-store"),
        FLOOR_REPARTITION_RANGE_STORE("repartition-range-store"), COLLATOR(null);

        final String floor;

        Kind(String floor) {
            this.floor = floor;
        }
    }

    /** One application under test; {@code classpath} null = this build. */
    record Contender(String name, Kind kind, String classpath, Map<String, Object> overrides, boolean unkeyedInput) {
    }

    record Result(Contender contender, Payloads.Shape shape, long events, long cpuNs, Map<String, Long> byClass,
                  long wallNs, double load1) {

        double perCore() {
            return events / (cpuNs / 1e9);
        }
    }

    static List<Contender> contenders() {
        List<Contender> list = new ArrayList<>();
        list.add(new Contender("floor: pass-through", Kind.FLOOR_PASS_THROUGH, null, Map.of(), false));
        list.add(new Contender("floor: collate, no state", Kind.FLOOR_COLLATE, null, Map.of(), false));
        list.add(new Contender("floor: store", Kind.FLOOR_STORE, null, Map.of(), false));
        list.add(new Contender("floor: repartition + store", Kind.FLOOR_REPARTITION_STORE, null, Map.of(), false));
        if (Boolean.getBoolean("bench.floor.range")) {
            list.add(new Contender("floor: repartition + range-scan store", Kind.FLOOR_REPARTITION_RANGE_STORE, null,
                    Map.of(), false));
        }
        list.add(new Contender("collator", Kind.COLLATOR, null, Map.of(), false));
        String baseline = System.getProperty("bench.baseline.cp");
        if (baseline != null && !baseline.isBlank()) {
            list.add(new Contender("collator " + System.getProperty("bench.baseline.name", "baseline"),
                    Kind.COLLATOR, baseline, Map.of(), false));
        }
        list.add(new Contender("collator, input not keyed by user", Kind.COLLATOR, null, Map.of(), true));
        for (String extra : System.getProperty("bench.extra", "").split(";")) {
            if (!extra.isBlank()) {
                int colon = extra.indexOf(':');
                Map<String, Object> overrides = new LinkedHashMap<>();
                for (String kv : extra.substring(colon + 1).split(",")) {
                    int eq = kv.indexOf('=');
                    overrides.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
                }
                list.add(new Contender("collator, " + extra.substring(0, colon).trim(), Kind.COLLATOR, null,
                        overrides, false));
            }
        }
        String only = System.getProperty("bench.only");
        if (only != null) {
            list.removeIf(c -> c.kind() != Kind.FLOOR_PASS_THROUGH && !c.name().contains(only));
        }
        return list;
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 400_000;
        int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int warmup = events / 2;
        List<Payloads.Shape> shapes = Arrays.stream(System.getProperty("bench.shapes", "FLAT,BATCH10").split(","))
                .map(s -> Payloads.Shape.valueOf(s.trim())).toList();
        List<Contender> contenders = contenders();
        System.out.printf(Locale.ROOT, "collator BrokerBench: KRaft broker in the bench JVM, each contender in its own "
                        + "JVM (%s), exactly_once_v2, 1 stream thread, %d input partitions; %,d warm-up + %,d measured "
                        + "events per run, %d repetitions%n", System.getenv().getOrDefault("CONTENDER_JAVA_OPTS",
                        "-Xmx512m"), PARTITIONS, warmup, events, repetitions);
        System.out.println(Machine.describe());
        contenders.forEach(c -> System.out.println("  contender: " + c.name() + (c.overrides().isEmpty() ? ""
                : " " + c.overrides()) + (c.classpath() == null ? "" : " (its own classpath)")));
        List<Result> results = new ArrayList<>();
        Path dir = Files.createTempDirectory("collator-bench");
        try (BenchBroker broker = new BenchBroker()) {
            BrokerBench bench = new BrokerBench(broker, dir);
            Map<Payloads.Shape, String[]> inputs = new EnumMap<>(Payloads.Shape.class);
            boolean unkeyed = contenders.stream().anyMatch(Contender::unkeyedInput);
            for (Payloads.Shape shape : shapes) {
                inputs.put(shape, new String[] {bench.input(shape, warmup + events, false),
                        unkeyed ? bench.input(shape, warmup + events, true) : null});
            }
            for (int rep = 1; rep <= repetitions; rep++) {
                for (Payloads.Shape shape : shapes) {
                    List<Result> round = new ArrayList<>();
                    for (Contender c : contenders) {
                        Result r = bench.run(c, shape, inputs.get(shape)[c.unkeyedInput() ? 1 : 0], warmup, events);
                        round.add(r);
                        print(rep, r, round.get(0));
                    }
                    results.addAll(round);
                }
            }
        } finally {
            Utils.delete(dir.toFile());
        }
        summary(results);
    }

    /** A pre-loaded input topic: records keyed by their user (the event contract), or by unrelated keys. */
    private String input(Payloads.Shape shape, int events, boolean unkeyed) throws Exception {
        String topic = "input-" + shape.name().toLowerCase(Locale.ROOT) + (unkeyed ? "-unkeyed" : "-keyed");
        broker.createTopic(topic, PARTITIONS);
        long base = System.currentTimeMillis() - 3_600_000;
        broker.preload(topic, unkeyed ? Payloads.unkeyed(shape, events, base, 1) : Payloads.stream(shape, events,
                base, 1));
        return topic;
    }

    private Result run(Contender c, Payloads.Shape shape, String input, int warmup, int events) throws Exception {
        String app = "bench-" + (++run);
        Path stateDir = Files.createDirectories(dir.resolve(app));
        // a collator (and the collate floor) counts events out; another floor counts records out (a tracker batch is
        // one record of ten events)
        boolean rows = c.kind() == Kind.COLLATOR || c.kind() == Kind.FLOOR_COLLATE;
        int perCount = rows ? 1 : shape.eventsPerRecord;
        long warm = warmup / perCount;
        long total = (warmup + events) / perCount;
        Map<String, Object> props = new HashMap<>(c.overrides());
        props.put("bootstrap.servers", broker.bootstrapServers());
        props.put("application.id", app);
        props.put("state.dir", stateDir.toString());
        props.put("num.stream.threads", 1);
        props.put("collator.input.topics", input);
        props.put("collator.output.topic", app + ".out");
        props.put("collator.dlq.topic", app + ".dlq");
        String main = "io.lakeloop.streams.collator.CollatorApp";
        if (c.kind() != Kind.COLLATOR) {
            broker.createTopic(app + ".out", PARTITIONS);
            props.put(FloorApp.KIND, c.kind().floor);
            main = FloorApp.class.getName();
        }
        long[] a = null;
        long[] b;
        Map<String, Long> classesA = null;
        Map<String, Long> classesB;
        double load;
        try (ContenderProcess p = ContenderProcess.start(c.classpath() == null ? classpath : c.classpath(), main,
                props, jvmOptions, dir)) {
            while (true) {
                long out = p.eventsOut();
                long[] now = {out, p.cpuNanos(), System.nanoTime()};
                if (a == null && out >= warm) {
                    a = now;
                    classesA = p.cpuByThreadClass();
                }
                if (out >= total) {
                    b = now;
                    classesB = p.cpuByThreadClass();
                    break;
                }
                Thread.sleep(POLL_MS);
            }
            load = Machine.load1();
        }
        checkExactlyOnce(c, app, total);
        Map<String, Long> byClass = new LinkedHashMap<>();
        for (String k : ContenderProcess.THREAD_CLASSES) {
            byClass.put(k, classesB.get(k) - classesA.getOrDefault(k, 0L));
        }
        return new Result(c, shape, (b[0] - a[0]) * perCount, b[1] - a[1], byClass, b[2] - a[2], load);
    }

    private void checkExactlyOnce(Contender c, String app, long expected) {
        boolean rows = c.kind() == Kind.COLLATOR || c.kind() == Kind.FLOOR_COLLATE;
        long[] check = broker.committedAndDistinct(app + ".out",
                rows ? BenchBroker::eventIdOfRow : v -> Long.toHexString(Floors.fnv1a64(v)));
        if (check[0] != expected || check[1] != expected) {
            throw new IllegalStateException(app + " (" + c.name() + "): expected " + expected + " records, each once, "
                    + "read_committed; found " + check[0] + " records, " + check[1] + " distinct");
        }
        if (c.kind() == Kind.COLLATOR) {
            long dead = broker.committedAndDistinct(app + ".dlq", v -> "")[0];
            if (dead != 0) {
                throw new IllegalStateException(app + " (" + c.name() + "): " + dead + " dead letters for valid input");
            }
        }
    }

    private static void print(int rep, Result r, Result passThrough) {
        long cpu = r.byClass().values().stream().mapToLong(Long::longValue).sum();
        StringBuilder classes = new StringBuilder();
        r.byClass().forEach((k, v) -> classes.append(String.format(Locale.ROOT, " %s %.0f%%", k,
                cpu == 0 ? 0.0 : 100.0 * v / cpu)));
        System.out.printf(Locale.ROOT, "  rep %d %-8s %-40s %,9.0f events/s per core  %.2fx pass-through  "
                        + "(%.2f cores, wall %,8.0f/s, load %.1f; CPU:%s)%n",
                rep, r.shape(), r.contender().name(), r.perCore(), r.perCore() / passThrough.perCore(),
                (double) r.cpuNs() / r.wallNs(), r.events() / (r.wallNs() / 1e9), r.load1(), classes);
    }

    private static void summary(List<Result> results) {
        System.out.println();
        System.out.println("| shape | contender | events/s per core (each repetition) | ratio to pass-through | "
                + "load average |");
        System.out.println("|---|---|---|---|---|");
        Map<String, List<Result>> rows = new LinkedHashMap<>();
        for (Result r : results) {
            rows.computeIfAbsent(r.shape() + "|" + r.contender().name(), k -> new ArrayList<>()).add(r);
        }
        for (List<Result> rs : rows.values()) {
            List<Result> passThrough = rows.get(rs.get(0).shape() + "|floor: pass-through");
            StringBuilder perCore = new StringBuilder();
            StringBuilder ratio = new StringBuilder();
            StringBuilder load = new StringBuilder();
            for (int k = 0; k < rs.size(); k++) {
                String sep = k == 0 ? "" : " / ";
                perCore.append(sep).append(String.format(Locale.ROOT, "%,.0f", rs.get(k).perCore()));
                ratio.append(sep).append(String.format(Locale.ROOT, "%.2f",
                        rs.get(k).perCore() / passThrough.get(k).perCore()));
                load.append(sep).append(String.format(Locale.ROOT, "%.1f", rs.get(k).load1()));
            }
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", rs.get(0).shape(),
                    rs.get(0).contender().name(), perCore, ratio, load);
        }
        System.out.println("finished " + Instant.now() + ", " + Machine.load());
    }
}
