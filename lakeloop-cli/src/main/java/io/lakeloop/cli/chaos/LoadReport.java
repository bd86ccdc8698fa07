package io.lakeloop.cli.chaos;

import io.lakeloop.cli.chaos.EventTimings.Stage;
import io.lakeloop.cli.demo.AcceptedEvents;
import io.lakeloop.cli.demo.ExpectedEvent;
import io.lakeloop.cli.demo.ObjectWriteWatch;
import io.lakeloop.cli.demo.PacedProducer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The figures of a run produced at a steady rate, per slot (the fault-free baseline, then each fault with the drain
 * after it) and against the targets: what {@code demo --json} prints under {@code load}, and the table it prints for
 * people.
 */
public final class LoadReport {

    /** Every input, gathered by the run once production and the flow are over. */
    /** @param warmUpEndMs when the baseline begins (figures before it are the warm-up's) */
    public record Inputs(PacedProducer producer, long warmUpEndMs, AcceptedEvents accepted,
                         Map<String, String> lakeKeys, String lakeBucket, ObjectWriteWatch watch,
                         List<FaultWindow> faults, List<RunSampler.Sample> samples, boolean throttleWholeRun,
                         double offeredPerSecond, int quotaPerSecond) {
    }

    static final String WARM_UP = "warm-up";
    static final String BASELINE = "baseline";

    private final Inputs in;
    private final EventTimings timings;
    private final List<SlotFigures> slots = new ArrayList<>();
    private final Map<String, Object> json = new LinkedHashMap<>();
    private final List<Map<String, Object>> targets = new ArrayList<>();

    private LoadReport(Inputs in) {
        this.in = in;
        this.timings = new EventTimings(in.producer(), in.accepted(), in.lakeKeys(), in.lakeBucket(), in.watch());
        long start = in.producer().startMs();
        List<FaultWindow> faults = in.faults();
        long baselineEnd = faults.isEmpty() ? Long.MAX_VALUE : faults.get(0).startMs();
        long warmUpEnd = Math.min(in.warmUpEndMs(), baselineEnd);
        if (warmUpEnd > start) {
            slots.add(new SlotFigures(WARM_UP, null, start, warmUpEnd));
        }
        slots.add(new SlotFigures(BASELINE, null, warmUpEnd, baselineEnd));
        for (int i = 0; i < faults.size(); i++) {
            slots.add(new SlotFigures(faults.get(i).scenario().wireName(), faults.get(i), faults.get(i).startMs(),
                    i + 1 < faults.size() ? faults.get(i + 1).startMs() : Long.MAX_VALUE));
        }
    }

    public static LoadReport of(Inputs inputs) {
        LoadReport report = new LoadReport(inputs);
        report.build();
        return report;
    }

    private void build() {
        Map<String, Integer> partitionOf = partitionsOfRepeats();
        SlotFigures baseline = slots.stream().filter(s -> s.name().equals(BASELINE)).findFirst().orElseThrow();
        long[] basePersonalize = baseline.latencies(timings, Stage.PERSONALIZE);
        List<Map<String, Object>> bySlot = new ArrayList<>();
        for (SlotFigures slot : slots) {
            bySlot.add(slotJson(slot, partitionOf));
        }
        json.put("offeredEventsPerSecond", in.offeredPerSecond());
        json.put("producedSeconds", Math.round((lastSent() - in.producer().startMs()) / 100.0) / 10.0);
        json.put("eventsProduced", timings.size());
        json.put("personalizeThrottledWholeRun", in.throttleWholeRun());
        json.put("recoveryBoundMs", Map.of("personalize", Stage.PERSONALIZE.boundMs, "lake", Stage.LAKE.boundMs));
        json.put("s3WritesComplete", in.watch().complete());
        json.put("s3ObjectsWritten", in.watch().objectsWritten());
        json.put("s3ObjectsWrittenTwice", in.watch().writtenTwice().keySet());
        json.put("slots", bySlot);
        evaluateTargets(bySlot, basePersonalize);
        json.put("targets", targets);
    }

    private Map<String, Object> slotJson(SlotFigures slot, Map<String, Integer> partitionOf) {
        Map<String, Object> s = new LinkedHashMap<>();
        long origin = in.producer().startMs();
        s.put("scenario", slot.name());
        if (slot.fault() != null) {
            Map<String, Object> fault = new LinkedHashMap<>();
            fault.put("startSecond", Math.round((slot.fault().startMs() - origin) / 100.0) / 10.0);
            fault.put("endSecond", Math.round((slot.fault().endMs() - origin) / 100.0) / 10.0);
            fault.putAll(slot.fault().details());
            s.put("fault", fault);
        }
        s.put("eventsProduced", slot.eventsProduced(timings));
        Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("personalize", SlotFigures.percentiles(slot.latencies(timings, Stage.PERSONALIZE)));
        latency.put("lake", SlotFigures.percentiles(slot.latencies(timings, Stage.LAKE)));
        s.put("latencyMs", latency);
        if (slot.fault() != null) {
            s.put("recoverySeconds", Recovery.json(slot, timings, in.samples(), observedUntil()));
        }
        s.put("duplicatesToPersonalize", slot.repeats(in.accepted(), partitionOf));
        s.put("s3ObjectsWrittenTwice", slot.objectsWrittenTwice(in.watch()));
        s.put("peakConsumerLag", slot.peakLag(in.samples()));
        s.put("personalizeCalls", slot.calls(in.samples()));
        return s;
    }

    private Map<String, Integer> partitionsOfRepeats() {
        Set<String> repeated = new HashSet<>();
        in.accepted().repeats().forEach(r -> repeated.add(r.eventId()));
        Map<String, Integer> partitionOf = new HashMap<>();
        for (int i = 0; i < in.producer().sent() && !repeated.isEmpty(); i++) {
            for (ExpectedEvent e : in.producer().record(i).events()) {
                if (repeated.contains(e.eventId())) {
                    partitionOf.put(e.eventId(), in.producer().partition(i));
                }
            }
        }
        return partitionOf;
    }

    /** The last moment the run looked at its stages (its last sample). */
    private long observedUntil() {
        List<RunSampler.Sample> samples = in.samples();
        return samples.isEmpty() ? lastSent() : samples.get(samples.size() - 1).atMs();
    }

    private long lastSent() {
        int sent = in.producer().sent();
        return sent == 0 ? in.producer().startMs() : in.producer().sentAtMs(sent - 1);
    }

    private void evaluateTargets(List<Map<String, Object>> bySlot, long[] basePersonalize) {
        LoadTargets.evaluate(targets, bySlot, basePersonalize, in, json);
    }

    /** Adds the loss target once the run's reconciliation is known. */
    public void reconciled(boolean reconciled) {
        targets.add(LoadTargets.lossTarget(reconciled));
    }

    public Map<String, Object> json() {
        return json;
    }

    public List<Map<String, Object>> targets() {
        return targets;
    }

    /** The figures as a table for people. */
    public List<String> lines() {
        return LoadTargets.lines(json, targets);
    }
}
