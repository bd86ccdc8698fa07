package io.lakeloop.bench.collator;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the CPU of one application's threads went in a JFR recording of a benchmark ({@code JAVA_OPTS=
 * "-XX:StartFlightRecording=filename=x.jfr,settings=profile"}): execution samples of the threads whose name matches
 * a pattern, by method — self (top frame) and total (anywhere on the stack), in percent of those samples.
 *
 * <pre>java -cp "$CP" io.lakeloop.bench.collator.JfrTop x.jfr 'bench-16-' [rows]</pre>
 */
public final class JfrTop {

    private JfrTop() {
    }

    public static void main(String[] args) throws Exception {
        Pattern threads = Pattern.compile(args[1]);
        int rows = args.length > 2 ? Integer.parseInt(args[2]) : 40;
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> total = new HashMap<>();
        Map<String, Integer> byThread = new HashMap<>();
        int samples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            String thread = e.getThread("sampledThread") == null ? "?" : e.getThread("sampledThread").getJavaName();
            if (thread == null || !threads.matcher(thread).find() || e.getStackTrace() == null) {
                continue;
            }
            samples++;
            byThread.merge(thread.replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "<uuid>"), 1, Integer::sum);
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            if (!frames.isEmpty()) {
                self.merge(name(frames.get(0)), 1, Integer::sum);
            }
            Set<String> seen = new HashSet<>();
            for (RecordedFrame f : frames) {
                String n = name(f);
                if (seen.add(n)) {
                    total.merge(n, 1, Integer::sum);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%d samples of threads matching %s%n", samples, threads);
        print("threads", byThread, samples, rows);
        print("self", self, samples, rows);
        print("total", total, samples, rows);
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static void print(String title, Map<String, Integer> counts, int samples, int rows) {
        System.out.println("-- " + title);
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(rows)
                .forEach(e -> System.out.printf(Locale.ROOT, "%6.1f%%  %s%n", 100.0 * e.getValue() / samples,
                        e.getKey()));
    }
}
