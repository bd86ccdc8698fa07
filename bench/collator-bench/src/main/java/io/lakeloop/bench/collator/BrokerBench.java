package io.lakeloop.bench.collator;

import io.lakeloop.streams.collator.CollatorConfig;
import io.lakeloop.streams.collator.CollatorService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;

/**
 * The collator on a real KRaft broker (in this JVM) under exactly-once, side by side with Kafka Streams' own floor in
 * the same run, on the same broker, input topic and partitions, one stream thread each:
 *
 * <ul>
 *   <li>{@code floor: pass-through} — bytes in, bytes out, exactly-once, no state ({@link Floors#passThrough});</li>
 *   <li>{@code floor: repartition + store} — the collator's Streams shape without parsing
 *       ({@link Floors#repartitionAndStore});</li>
 *   <li>{@code floor: repartition + point store} — the same with the collator's bucketed store (point lookups);</li>
 *   <li>the collator with its defaults; on input not keyed by user (every event takes the {@code by-user} topic);
 *       with Kafka Streams' exactly-once defaults; with a commit interval of 5 s.</li>
 * </ul>
 *
 * Each contender reads the same pre-loaded input topic under its own application id. Throughput per core = events /
 * CPU time of the contender's own threads ({@link ThreadCpu}: its Java threads and RocksDB's native threads; the
 * broker's are not counted), so the figure does not depend much on what else runs on the machine; the ratio to the
 * pass-through floor of the same repetition is printed next to it. After every run the output topic is read back with
 * {@code isolation.level=read_committed} and must hold each event exactly once, or the bench stops.
 *
 * <pre>bench/collator-bench/run.sh [events per run] [repetitions]</pre>
 */
public final class BrokerBench {

    static final int PARTITIONS = 4;

    private final BenchBroker broker;
    private int run;

    private BrokerBench(BenchBroker broker) {
        this.broker = broker;
    }

    /** One configuration under test. */
    record Contender(String name, Kind kind, Map<String, Object> overrides, boolean unkeyedInput) {

        Contender(String name, Kind kind, Map<String, Object> overrides) {
            this(name, kind, overrides, false);
        }
    }

    enum Kind { FLOOR_PASS_THROUGH, FLOOR_REPARTITION_STORE, FLOOR_REPARTITION_POINT_STORE, COLLATOR }

    record Result(Contender contender, Payloads.Shape shape, int events, long cpuNs, long streamCpuNs,
                  long rocksCpuNs, long wallNs, double load1) {

        double perCore() {
            return events / (cpuNs / 1e9);
        }
    }

    static List<Contender> contenders() {
        List<Contender> list = new ArrayList<>();
        list.add(new Contender("floor: pass-through", Kind.FLOOR_PASS_THROUGH, Map.of()));
        list.add(new Contender("floor: repartition + store", Kind.FLOOR_REPARTITION_STORE, Map.of()));
        list.add(new Contender("floor: repartition + point store", Kind.FLOOR_REPARTITION_POINT_STORE, Map.of()));
        list.add(new Contender("collator defaults", Kind.COLLATOR, Map.of()));
        list.add(new Contender("collator, input not keyed by user", Kind.COLLATOR, Map.of(), true));
        list.add(new Contender("collator, Streams EOS defaults", Kind.COLLATOR,
                Map.of("commit.interval.ms", 100, "producer.batch.size", 16_384)));
        list.add(new Contender("collator, commit.interval.ms=5000", Kind.COLLATOR,
                Map.of("commit.interval.ms", 5000)));
        String only = System.getProperty("bench.only");
        if (only != null) {
            list.removeIf(c -> !c.name().startsWith("floor: pass") && !c.name().contains(only));
        }
        return list;
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 400_000;
        int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        System.out.printf(Locale.ROOT, "collator BrokerBench: KRaft broker in this JVM, exactly_once_v2, 1 stream "
                + "thread, %d input partitions, %,d events per run, %d repetitions%n", PARTITIONS, events, repetitions);
        System.out.println(Machine.describe());
        List<Result> results = new ArrayList<>();
        try (BenchBroker broker = new BenchBroker()) {
            BrokerBench bench = new BrokerBench(broker);
            List<Contender> contenders = contenders();
            for (Payloads.Shape shape : Payloads.Shape.values()) {
                String[] warm = {bench.input(shape, events / 5, false), bench.input(shape, events / 5, true)};
                for (Contender c : contenders) {
                    bench.run(c, shape, warm[c.unkeyedInput() ? 1 : 0], events / 5);
                }
            }
            System.out.println("warm-up done");
            for (int rep = 1; rep <= repetitions; rep++) {
                for (Payloads.Shape shape : Payloads.Shape.values()) {
                    String[] input = {bench.input(shape, events, false), bench.input(shape, events, true)};
                    List<Result> round = new ArrayList<>();
                    for (Contender c : contenders) {
                        round.add(bench.run(c, shape, input[c.unkeyedInput() ? 1 : 0], events));
                    }
                    print(rep, round);
                    results.addAll(round);
                }
            }
        }
        summary(results);
    }

    /** A pre-loaded input topic: records keyed by their user (the event contract), or by unrelated keys. */
    private String input(Payloads.Shape shape, int events, boolean unkeyed) throws Exception {
        String topic = "input-" + shape.name().toLowerCase(Locale.ROOT) + "-" + (++run);
        broker.createTopic(topic, PARTITIONS);
        long base = System.currentTimeMillis() - 3_600_000;
        broker.preload(topic, unkeyed ? Payloads.unkeyed(shape, events, base, run)
                : Payloads.generate(shape, events, base, run));
        return topic;
    }

    Result run(Contender c, Payloads.Shape shape, String input, int events) throws Exception {
        String app = "bench-" + (++run);
        Path stateDir = Files.createTempDirectory("collator-bench");
        int expected = c.kind() == Kind.COLLATOR ? events : events / shape.eventsPerRecord;
        ThreadCpu cpu = new ThreadCpu(app);
        long wall;
        long[] used;
        double load;
        try (Running r = start(c, app, input, stateDir)) {
            r.awaitRunning();
            cpu.start();
            long wall0 = System.nanoTime();
            while (r.done().getAsLong() < expected) {
                Thread.sleep(2);
            }
            wall = System.nanoTime() - wall0;
            used = cpu.since();
            load = ThreadCpu.load1();
        } finally {
            Utils.delete(stateDir.toFile());
        }
        String output = app + ".out";
        long[] check = broker.committedAndDistinct(output,
                c.kind() == Kind.COLLATOR ? BenchBroker::eventIdOfRow : v -> Long.toHexString(Floors.fnv1a64(v)));
        if (check[0] != expected || check[1] != expected) {
            throw new IllegalStateException(app + " (" + c.name() + "): expected " + expected + " records, each once, "
                    + "read_committed; found " + check[0] + " records, " + check[1] + " distinct");
        }
        return new Result(c, shape, events, used[0], used[1], used[2], wall, load);
    }

    /** A started contender: wait until it runs, read how much it has written, close it. */
    private interface Running extends AutoCloseable {
        void awaitRunning() throws InterruptedException;

        LongSupplier done();

        @Override
        void close();
    }

    private Running start(Contender c, String app, String input, Path stateDir) {
        Map<String, Object> props = new HashMap<>(c.overrides());
        props.put("bootstrap.servers", broker.bootstrapServers());
        props.put("application.id", app);
        props.put("state.dir", stateDir.toString());
        props.put("num.stream.threads", 1);
        props.put(CollatorConfig.INPUT_TOPICS_CONFIG, input);
        props.put(CollatorConfig.OUTPUT_TOPIC_CONFIG, app + ".out");
        props.put(CollatorConfig.DLQ_TOPIC_CONFIG, app + ".dlq");
        props.put(CollatorConfig.HTTP_PORT_CONFIG, -1);
        CollatorConfig config = CollatorConfig.of(props);
        if (c.kind() == Kind.COLLATOR) {
            CollatorService service = CollatorService.start(config);
            return running(service::state, () -> service.metrics().eventsOut(), service::close);
        }
        // the floors run with the collator's Kafka Streams settings (exactly-once, commit interval, batch size)
        Properties streamsProps = config.streamsProperties();
        LongAdder out = new LongAdder();
        Topology topology = c.kind() == Kind.FLOOR_PASS_THROUGH ? Floors.passThrough(input, app + ".out", out)
                : Floors.repartitionAndStore(input, app + ".out", config.dedupeRetention(), out,
                c.kind() == Kind.FLOOR_REPARTITION_POINT_STORE);
        try {
            broker.createTopic(app + ".out", PARTITIONS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        KafkaStreams streams = new KafkaStreams(topology, streamsProps);
        streams.start();
        return running(streams::state, out::sum, streams::close);
    }

    private static Running running(java.util.function.Supplier<KafkaStreams.State> state, LongSupplier done,
                                   Runnable close) {
        return new Running() {
            @Override
            public void awaitRunning() throws InterruptedException {
                while (state.get() != KafkaStreams.State.RUNNING) {
                    if (state.get() == KafkaStreams.State.ERROR) {
                        throw new IllegalStateException("the application failed to start");
                    }
                    Thread.sleep(1);
                }
            }

            @Override
            public LongSupplier done() {
                return done;
            }

            @Override
            public void close() {
                close.run();
            }
        };
    }

    private static void print(int rep, List<Result> round) {
        double floor = round.get(0).perCore();
        for (Result r : round) {
            System.out.printf(Locale.ROOT, "  rep %d %-8s %-31s %,9.0f events/s per core  %.2fx pass-through  "
                            + "(stream thread %,9.0f/s, rocksdb %4.1f%% of CPU, %.2f cores, wall %,8.0f/s, load %.1f)%n",
                    rep, r.shape(), r.contender().name(), r.perCore(), r.perCore() / floor,
                    r.events() / (r.streamCpuNs() / 1e9), 100.0 * r.rocksCpuNs() / r.cpuNs(),
                    (double) r.cpuNs() / r.wallNs(), r.events() / (r.wallNs() / 1e9), r.load1());
        }
    }

    private static void summary(List<Result> results) {
        System.out.println();
        System.out.println("| shape | configuration | events/s per core (each repetition) | ratio to pass-through | "
                + "load average |");
        System.out.println("|---|---|---|---|---|");
        Map<String, List<Result>> rows = new LinkedHashMap<>();
        for (Result r : results) {
            rows.computeIfAbsent(r.shape() + "|" + r.contender().name(), k -> new ArrayList<>()).add(r);
        }
        for (Map.Entry<String, List<Result>> row : rows.entrySet()) {
            List<Result> rs = row.getValue();
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
