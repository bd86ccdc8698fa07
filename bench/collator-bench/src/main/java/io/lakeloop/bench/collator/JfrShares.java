package io.lakeloop.bench.collator;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a contender's stream-thread time went, by step of the collator, from a JFR recording of a {@link BrokerBench}
 * run ({@code CONTENDER_JAVA_OPTS="-Xmx512m -XX:StartFlightRecording=filename=/tmp/jfr/%a.jfr,settings=profile"}).
 *
 * <p>Each Java execution sample of the matching threads goes to the first step found walking its stack from the top
 * (library frames such as Jackson's count for the collator step below them). RocksDB's {@code get}/{@code put} run
 * in native code, which execution samples do not see: the native-method samples whose top frame is
 * {@code org.rocksdb} are counted instead, weighted ×2 because the {@code profile} settings take them every 20 ms
 * against every 10 ms for Java samples. The recording covers the whole process, warm-up included.
 *
 * <pre>java -cp "$CP" io.lakeloop.bench.collator.JfrShares /tmp/jfr/bench-5.jfr ['StreamThread-1$']</pre>
 */
public final class JfrShares {

    private static final Map<String, Pattern> STEPS = new LinkedHashMap<>();

    static {
        step("RocksDB (Java side of the JNI call)", "org\\.rocksdb");
        step("content-derived event id (SHA-256)", "EventIds\\.");
        step("lake row rendering", "LakeRow\\.|JsonText\\.");
        step("validation", "EventValidator|TimestampNormalizer");
        step("JSON parse", "RecordReader|InteractionParser|RecordValues");
        step("repartition serde", "CollatedSerde");
        step("dedupe filters (in-heap Bloom filters)", "IdBloomFilter|SeenFilters");
        step("producer send (serialize, append to batch)", "RecordCollectorImpl\\.send|KafkaProducer");
        step("dedupe store, Java side (keys, segments, changelog)",
                "WindowStore|SegmentedBytesStore|DedupeProcessor|ChangeLogging|Segments");
        step("commit (transaction, flush, checkpoint)", "\\.commit|prepareCommit|postCommit|flush");
        step("consumer fetch", "KafkaConsumer\\.poll|pollRequests|Fetch");
        step("Kafka Streams metrics", "Sensor\\.|metrics\\.");
    }

    private JfrShares() {
    }

    private static void step(String name, String regex) {
        STEPS.put(name, Pattern.compile(regex));
    }

    public static void main(String[] args) throws Exception {
        Pattern threads = Pattern.compile(args.length > 1 ? args[1] : "StreamThread-1$");
        Map<String, Integer> weights = new LinkedHashMap<>();
        int total = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            String type = e.getEventType().getName();
            boolean nativeSample = type.equals("jdk.NativeMethodSample");
            if (!nativeSample && !type.equals("jdk.ExecutionSample")) {
                continue;
            }
            String thread = e.getThread("sampledThread") == null ? null : e.getThread("sampledThread").getJavaName();
            if (thread == null || !threads.matcher(thread).find() || e.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            String step;
            if (nativeSample) {
                if (frames.isEmpty() || !frames.get(0).getMethod().getType().getName().startsWith("org.rocksdb")) {
                    continue; // a thread waiting in native code (socket, epoll) is not spending CPU
                }
                step = "RocksDB native get/put";
            } else {
                step = stepOf(frames);
            }
            int w = nativeSample ? 2 : 1;
            weights.merge(step, w, Integer::sum);
            total += w;
        }
        System.out.printf(Locale.ROOT, "%d weighted samples of threads matching %s%n", total, threads);
        int sum = total;
        weights.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(en -> System.out.printf(Locale.ROOT, "%5.1f%%  %s%n", 100.0 * en.getValue() / sum,
                        en.getKey()));
    }

    private static String stepOf(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String name = f.getMethod().getType().getName() + "." + f.getMethod().getName();
            for (Map.Entry<String, Pattern> s : STEPS.entrySet()) {
                if (s.getValue().matcher(name).find()) {
                    return s.getKey();
                }
            }
        }
        return "other (Kafka Streams internals, JDK)";
    }
}
