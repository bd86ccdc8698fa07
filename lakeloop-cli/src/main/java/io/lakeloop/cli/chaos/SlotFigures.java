package io.lakeloop.cli.chaos;

import io.lakeloop.cli.chaos.EventTimings.Stage;
import io.lakeloop.cli.demo.AcceptedEvents;
import io.lakeloop.cli.demo.ObjectWriteWatch;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of one slot of a run: the fault-free baseline, or one fault and the drain after it, until the next
 * fault. Events belong to the slot in which they were produced; repeats, objects written twice, lag and call rates to
 * the slot in which they happened.
 *
 * @param fault    null for the warm-up and the baseline
 * @param fromMs   the slot's start (production start for the warm-up, its end for the baseline, else the fault's
 *                 start)
 * @param toMs     the next slot's start, {@link Long#MAX_VALUE} for the last
 */
record SlotFigures(String name, FaultWindow fault, long fromMs, long toMs) {

    private static final long RATE_WINDOW_MS = 5000;

    boolean contains(long atMs) {
        return atMs >= fromMs && atMs < toMs;
    }

    /** Latencies (ms) to {@code stage} of the events produced in this slot, sorted. */
    long[] latencies(EventTimings timings, Stage stage) {
        long[] values = new long[timings.size()];
        int n = 0;
        for (int e = 0; e < timings.size(); e++) {
            long at = timings.at(stage, e);
            if (at > 0 && producedHere(timings.sentAt(e))) {
                values[n++] = Math.max(0, at - timings.sentAt(e));
            }
        }
        long[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        return sorted;
    }

    int eventsProduced(EventTimings timings) {
        int n = 0;
        for (int e = 0; e < timings.size(); e++) {
            n += producedHere(timings.sentAt(e)) ? 1 : 0;
        }
        return n;
    }

    private boolean producedHere(long sentAt) {
        return sentAt >= fromMs && sentAt < toMs;
    }

    /** Repeated deliveries to Personalize in this slot, and where they came from. */
    Map<String, Object> repeats(AcceptedEvents accepted, Map<String, Integer> partitionOf) {
        long replayed = 0;
        long retried = 0;
        Map<String, Long> byPartition = new TreeMap<>();
        for (AcceptedEvents.Repeat repeat : accepted.repeats()) {
            if (!contains(repeat.acceptedMs())) {
                continue;
            }
            if (fault != null && repeat.firstAcceptedMs() < fault.startMs()) {
                replayed++;
            } else {
                retried++;
            }
            byPartition.merge("interactions-" + partitionOf.getOrDefault(repeat.eventId(), -1), 1L, Long::sum);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("total", replayed + retried);
        json.put("firstAcceptedBeforeTheFault", replayed);
        json.put("firstAcceptedDuringOrAfterIt", retried);
        json.put("byPartition", byPartition);
        return json;
    }

    /** Objects whose second (or later) write happened in this slot. */
    long objectsWrittenTwice(ObjectWriteWatch watch) {
        long n = 0;
        for (List<ObjectWriteWatch.Write> writes : watch.writtenTwice().values()) {
            for (int i = 1; i < writes.size(); i++) {
                n += contains(writes.get(i).visibleAtMs()) ? 1 : 0;
            }
        }
        return n;
    }

    Map<String, Long> peakLag(List<RunSampler.Sample> samples) {
        Map<String, Long> peak = new TreeMap<>();
        for (RunSampler.Sample s : samples) {
            if (contains(s.atMs())) {
                s.lag().forEach((group, lag) -> peak.merge(group, lag, Math::max));
            }
        }
        return peak;
    }

    /** PutEvents calls in the slot: peak rates over 5 s, quota 429s and injected 429s. */
    Map<String, Object> calls(List<RunSampler.Sample> samples) {
        List<RunSampler.Sample> here = samples.stream().filter(s -> contains(s.atMs()) && s.hasCalls()).toList();
        double peakCalls = 0;
        double peakAccepted = 0;
        for (int i = 0, j = 0; i < here.size(); i++) {
            j = Math.max(j, i);
            while (j < here.size() && here.get(j).atMs() - here.get(i).atMs() < RATE_WINDOW_MS) {
                j++;
            }
            if (j == here.size()) {
                break;
            }
            double seconds = (here.get(j).atMs() - here.get(i).atMs()) / 1000.0;
            peakCalls = Math.max(peakCalls, (here.get(j).calls() - here.get(i).calls()) / seconds);
            peakAccepted = Math.max(peakAccepted, (here.get(j).acceptedCalls() - here.get(i).acceptedCalls())
                    / seconds);
        }
        long quota = 0;
        long injected = 0;
        for (int i = 1; i < here.size(); i++) {
            quota += Math.max(0, here.get(i).quotaThrottled() - here.get(i - 1).quotaThrottled());
            injected += Math.max(0, here.get(i).injectedThrottled() - here.get(i - 1).injectedThrottled());
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("peakCallsPerSecond", Math.round(peakCalls));
        json.put("peakAcceptedCallsPerSecond", Math.round(peakAccepted));
        json.put("quota429s", quota);
        json.put("injected429s", injected);
        return json;
    }

    /** p50, p99, max and count of sorted latencies (ms); nulls when there are none. */
    static Map<String, Object> percentiles(long[] sorted) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("p50", sorted.length == 0 ? null : percentile(sorted, 0.50));
        json.put("p99", sorted.length == 0 ? null : percentile(sorted, 0.99));
        json.put("max", sorted.length == 0 ? null : sorted[sorted.length - 1]);
        json.put("events", sorted.length);
        return json;
    }

    static long percentile(long[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
