package io.lakeloop.cli.chaos;

import io.lakeloop.cli.chaos.EventTimings.Stage;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recovery after one fault, measured against the targets (not against the run's own baseline, which a starved machine
 * makes meaningless): the time from the fault's end (a crash ends when it happens) until the backlog is drained and
 * end-to-end latency is back under its bound, or "not recovered" within what the run observed. Pure.
 * <ul>
 * <li>Per stage (Personalize, the lake): an event is <em>late</em> when it took longer than the stage's bound
 * ({@link Stage#boundMs}) or never arrived. Among the events produced in the slot, and those produced before it
 * that arrived after the fault began, the stage has recovered once every late one has arrived and an event produced
 * after the last late one arrived within the bound: at the arrival of the last late one. An event due (sent + the
 * bound) only after the next fault began does not count: a delay then is the next fault's.</li>
 * <li>Lag: the first sample from the fault's end on at which every consumer group's lag is back to at most its
 * highest level in the {@value #PRE_FAULT_MS} ms before the fault, or to the events produced in the
 * {@value #LAG_FLOOR_MS} ms before it when that is more (the S3 sinks commit only offsets of completed objects).</li>
 * </ul>
 */
final class Recovery {

    static final long PRE_FAULT_MS = 15_000;
    static final long LAG_FLOOR_MS = 11_000;

    private Recovery() {
    }

    /**
     * Seconds from the fault's end until {@code stage} recovered, or null when it had not by {@code observedUntilMs}.
     */
    static Double stage(SlotFigures slot, EventTimings timings, Stage stage) {
        FaultWindow fault = slot.fault();
        long lastLateSent = Long.MIN_VALUE;
        long lastLateArrival = Long.MIN_VALUE;
        boolean lost = false;
        for (int e = 0; e < timings.size(); e++) {
            long sent = timings.sentAt(e);
            long at = timings.at(stage, e);
            if (!timings.counts(stage, e) || sent + stage.boundMs >= slot.toMs()
                    || sent < slot.fromMs() && at < fault.startMs()) {
                continue; // (an event due only after the next fault began is that fault's to delay)
            }
            if (at < 0 || at - sent > stage.boundMs) {
                lastLateSent = Math.max(lastLateSent, sent);
                lastLateArrival = Math.max(lastLateArrival, at);
                lost |= at < 0;
            }
        }
        if (lastLateSent == Long.MIN_VALUE) {
            return 0.0;
        }
        if (lost || !onTimeAfter(slot, timings, stage, lastLateSent)) {
            return null;
        }
        return seconds(Math.max(0, lastLateArrival - fault.endMs()));
    }

    private static boolean onTimeAfter(SlotFigures slot, EventTimings timings, Stage stage, long sentAfter) {
        for (int e = 0; e < timings.size(); e++) {
            long sent = timings.sentAt(e);
            long at = timings.at(stage, e);
            if (sent > sentAfter && sent < slot.toMs() && timings.counts(stage, e) && at >= 0
                    && at - sent <= stage.boundMs) {
                return true;
            }
        }
        return false;
    }

    /** Seconds from the fault's end until every group's lag was back (see the class), or null if it never was. */
    static Double lag(SlotFigures slot, EventTimings timings, List<RunSampler.Sample> samples) {
        FaultWindow fault = slot.fault();
        long floor = 0;
        for (int e = 0; e < timings.size(); e++) {
            long sent = timings.sentAt(e);
            floor += sent >= fault.startMs() - LAG_FLOOR_MS && sent < fault.startMs() ? 1 : 0;
        }
        return lag(fault, floor, samples, slot.toMs());
    }

    /**
     * The lag criterion itself, also used live by the run before it injects the next fault (so that a slot is not cut
     * before its lag could come back): seconds from the fault's end to the first sample before {@code untilMs} at
     * which every group's lag was at most its pre-fault level or {@code floor} (the events produced in the
     * {@value #LAG_FLOOR_MS} ms before the fault), or null.
     */
    static Double lag(FaultWindow fault, long floor, List<RunSampler.Sample> samples, long untilMs) {
        Map<String, Long> level = new HashMap<>();
        for (RunSampler.Sample s : samples) {
            if (s.atMs() >= fault.startMs() - PRE_FAULT_MS && s.atMs() < fault.startMs()) {
                s.lag().forEach((group, lag) -> level.merge(group, lag, Math::max));
            }
        }
        for (RunSampler.Sample s : samples) {
            if (s.atMs() < fault.endMs() || s.atMs() >= untilMs || s.lag().isEmpty()) {
                continue;
            }
            if (s.lag().entrySet().stream().allMatch(g -> g.getValue() <= Math.max(floor,
                    level.getOrDefault(g.getKey(), 0L)))) {
                return seconds(s.atMs() - fault.endMs());
            }
        }
        return null;
    }

    /**
     * The slot's recovery as {@code demo --json} prints it: seconds per stage and for the lag (null = not recovered),
     * overall (the latest, null if any is), and when not recovered, how long the run watched.
     */
    static Map<String, Object> json(SlotFigures slot, EventTimings timings, List<RunSampler.Sample> samples,
                                    long observedUntilMs) {
        Map<String, Object> json = new LinkedHashMap<>();
        Double personalize = stage(slot, timings, Stage.PERSONALIZE);
        Double lake = stage(slot, timings, Stage.LAKE);
        Double lag = lag(slot, timings, samples);
        json.put("personalize", personalize);
        json.put("lake", lake);
        json.put("lag", lag);
        boolean recovered = personalize != null && lake != null && lag != null;
        json.put("overall", recovered ? Math.max(Math.max(personalize, lake), lag) : null);
        if (!recovered) {
            json.put("notRecoveredWithinSeconds",
                    seconds(Math.max(0, Math.min(slot.toMs(), observedUntilMs) - slot.fault().endMs())));
        }
        return json;
    }

    private static double seconds(long ms) {
        return Math.round(ms / 100.0) / 10.0;
    }
}
