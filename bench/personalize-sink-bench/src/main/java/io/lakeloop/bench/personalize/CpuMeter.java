package io.lakeloop.bench.personalize;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time by side: the connector (the feeding thread, which is Connect's task thread, and the task's sender
 * threads) and the emulator (its HTTP threads). On a shared machine the wall-clock figures say how much CPU the
 * run got; these say how much it needed.
 */
final class CpuMeter {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Map<Long, Long> start = new HashMap<>();

    CpuMeter() {
        snapshot(start);
    }

    /** Nanoseconds of CPU since construction: [connector, emulator, everything]. */
    long[] elapsed() {
        Map<Long, Long> now = new HashMap<>();
        snapshot(now);
        long connector = 0;
        long emulator = 0;
        long all = 0;
        for (ThreadInfo info : THREADS.getThreadInfo(now.keySet().stream().mapToLong(Long::longValue).toArray())) {
            if (info == null) {
                continue;
            }
            long delta = now.get(info.getThreadId()) - start.getOrDefault(info.getThreadId(), 0L);
            String name = info.getThreadName();
            if (name.startsWith("personalize-sink-") || name.equals("main")) {
                connector += delta;
            } else if (name.startsWith("personalize-emulator") || name.startsWith("HTTP-Dispatcher")) {
                emulator += delta;
            }
            all += delta;
        }
        return new long[] {connector, emulator, all};
    }

    private static void snapshot(Map<Long, Long> into) {
        for (long id : THREADS.getAllThreadIds()) {
            long cpu = THREADS.getThreadCpuTime(id);
            if (cpu >= 0) {
                into.put(id, cpu);
            }
        }
    }
}
