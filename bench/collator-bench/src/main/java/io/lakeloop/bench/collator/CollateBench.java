package io.lakeloop.bench.collator;

import io.lakeloop.streams.collator.CollatedEvent;
import io.lakeloop.streams.collator.CollatorConfig;
import io.lakeloop.streams.collator.EventCollator;
import io.lakeloop.streams.collator.Collated;
import io.lakeloop.streams.collator.serde.CollatedSerde;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The collator's own logic without Kafka Streams: {@link EventCollator#collate} (parse, validate, derive the id,
 * render the lake row) plus the repartition serde round trip, on one thread. The floor under the other two paths.
 *
 * <pre>java -cp "$(cat bench/collator-bench/target/classpath.txt):bench/collator-bench/target/classes" \
 *   io.lakeloop.bench.collator.CollateBench [events]</pre>
 */
public final class CollateBench {

    private CollateBench() {
    }

    public static void main(String[] args) {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        CollatorConfig config = CollatorConfig.of(Map.of("bootstrap.servers", "unused:9092"));
        System.out.printf(Locale.ROOT, "EventCollator + repartition serde, %d events per run, 1 thread%n", events);
        for (Payloads.Shape shape : Payloads.Shape.values()) {
            run(config, shape, events / 5, true);
            run(config, shape, events, false);
        }
    }

    static void run(CollatorConfig config, Payloads.Shape shape, int events, boolean warmup) {
        long now = System.currentTimeMillis();
        List<Payloads.Raw> raws = Payloads.generate(shape, events, now - 3_600_000, 3);
        EventCollator collator = EventCollator.of(config);
        CollatedSerde serde = new CollatedSerde();
        Serializer<Collated> ser = serde.serializer();
        Deserializer<Collated> de = serde.deserializer();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long cpu0 = mx.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        long out = 0;
        for (Payloads.Raw raw : raws) {
            for (CollatedEvent e : collator.collate(raw.key(), raw.value(), now, now).events()) {
                out += ((CollatedEvent) de.deserialize("t", ser.serialize("t", e))).rowJson().length() > 0 ? 1 : 0;
            }
        }
        long cpu = mx.getCurrentThreadCpuTime() - cpu0;
        long wall = System.nanoTime() - wall0;
        if (out != events) {
            throw new IllegalStateException("expected " + events + " events, got " + out);
        }
        if (!warmup) {
            System.out.printf(Locale.ROOT, "  %-8s %,10.0f events/s per core (CPU)  %,10.0f events/s wall%n",
                    shape, events / (cpu / 1e9), events / (wall / 1e9));
        }
    }
}
