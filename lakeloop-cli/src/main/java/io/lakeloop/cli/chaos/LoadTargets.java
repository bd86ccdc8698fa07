package io.lakeloop.cli.chaos;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The targets a run at a steady rate is held to (issue "faults at scale"), each met, missed or not measurable in this
 * run, and the figures table people read. Pure: works on the report's JSON.
 */
final class LoadTargets {

    static final long PERSONALIZE_P99_MS = 1000;
    static final double RECOVERY_SECONDS = 30;
    static final double QUOTA_SHARE = 0.9;

    private LoadTargets() {
    }

    static void evaluate(List<Map<String, Object>> targets, List<Map<String, Object>> slots, long[] basePersonalize,
                         LoadReport.Inputs in, Map<String, Object> json) {
        Long p99 = basePersonalize.length == 0 ? null : SlotFigures.percentile(basePersonalize, 0.99);
        targets.add(target("produce→Personalize p99 ≤ 1 s with no fault", p99 == null ? null : p99 + " ms",
                p99 == null || in.throttleWholeRun() ? null : p99 <= PERSONALIZE_P99_MS,
                in.throttleWholeRun() ? "the baseline was throttled (personalize-throttle for the whole run)" : null));
        for (Map<String, Object> slot : slots) {
            if (slot.get("fault") instanceof Map<?, ?> fault && fault.get("failed") != null) {
                targets.add(target(slot.get("scenario") + " carried out", "FAILED", false,
                        String.valueOf(fault.get("failed"))));
            }
            Object recovery = slot.get("recoverySeconds");
            if (recovery instanceof Map<?, ?> r) {
                Number overall = (Number) r.get("overall");
                targets.add(target("recovery ≤ 30 s after " + slot.get("scenario"), overall != null
                                ? overall + " s" : "not recovered within " + r.get("notRecoveredWithinSeconds") + " s",
                        overall != null && overall.doubleValue() <= RECOVERY_SECONDS, overall != null ? null
                                : "not recovered: " + notRecovered(r)));
            }
        }
        int twice = ((java.util.Collection<?>) json.get("s3ObjectsWrittenTwice")).size();
        targets.add(target("0 S3 objects written twice", String.valueOf(twice),
                in.watch().complete() ? twice == 0 : null,
                in.watch().complete() ? null : "some writes could not be seen (inotify overflow)"));
        double peak = 0;
        long quota429 = 0;
        Double drainPeak = null;
        for (Map<String, Object> slot : slots) {
            Map<?, ?> calls = (Map<?, ?>) slot.get("personalizeCalls");
            double slotPeak = ((Number) calls.get("peakCallsPerSecond")).doubleValue();
            peak = Math.max(peak, slotPeak);
            quota429 += ((Number) calls.get("quota429s")).longValue();
            if (slot.get("recoverySeconds") instanceof Map<?, ?> r && (r.get("personalize") == null
                    || ((Number) r.get("personalize")).doubleValue() > 0)) {
                drainPeak = Math.max(drainPeak == null ? 0 : drainPeak, slotPeak);
            }
        }
        int quota = in.quotaPerSecond();
        targets.add(target("Personalize sink within the quota (" + quota + " calls/s; quota 429s counted)",
                Math.round(peak) + " calls/s peak, " + quota429 + " quota 429s", peak <= quota * 1.02, null));
        targets.add(target("≥ 90 % of the quota while a Personalize backlog drains",
                drainPeak == null ? null : Math.round(drainPeak) + " calls/s",
                drainPeak == null ? null : drainPeak >= QUOTA_SHARE * quota,
                drainPeak == null ? "no fault left a Personalize backlog in this run" : null));
    }

    /** The last target, known once the run has reconciled. */
    static Map<String, Object> lossTarget(boolean reconciled) {
        return target("0 events lost (every stage reconciles exactly)", reconciled ? "reconciled" : "NOT reconciled",
                reconciled, null);
    }

    static Map<String, Object> target(String target, String value, Boolean met, String note) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("target", target);
        t.put("value", value);
        t.put("met", met);
        if (note != null) {
            t.put("note", note);
        }
        return t;
    }

    static List<String> lines(Map<String, Object> json, List<Map<String, Object>> targets) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("Offered %s events/s for %s s (%s events); times in ms from produce to Personalize's "
                + "200 (P) and to the lake object (lake):", json.get("offeredEventsPerSecond"),
                json.get("producedSeconds"), json.get("eventsProduced")));
        lines.add(String.format("%-22s %8s %13s %15s %14s %6s %5s %9s %12s %10s", "slot", "events", "P p50/p99",
                "lake p50/p99", "recovery P/lk", "dups", "S3x2", "peak lag", "calls/s pk", "429 q/inj"));
        for (Object o : (List<?>) json.get("slots")) {
            Map<?, ?> slot = (Map<?, ?>) o;
            Map<?, ?> latency = (Map<?, ?>) slot.get("latencyMs");
            Map<?, ?> calls = (Map<?, ?>) slot.get("personalizeCalls");
            Map<?, ?> recovery = (Map<?, ?>) slot.get("recoverySeconds");
            long lag = ((Map<?, ?>) slot.get("peakConsumerLag")).values().stream()
                    .mapToLong(v -> ((Number) v).longValue()).max().orElse(0);
            lines.add(String.format("%-22s %8s %13s %15s %14s %6s %5s %9d %12s %10s", slot.get("scenario"),
                    slot.get("eventsProduced"), pair((Map<?, ?>) latency.get("personalize")),
                    pair((Map<?, ?>) latency.get("lake")),
                    recovery == null ? "-" : seconds(recovery, "personalize") + "/" + seconds(recovery, "lake"),
                    ((Map<?, ?>) slot.get("duplicatesToPersonalize")).get("total"), slot.get("s3ObjectsWrittenTwice"),
                    lag, calls.get("peakCallsPerSecond"), calls.get("quota429s") + "/" + calls.get("injected429s")));
        }
        lines.add("Targets:");
        for (Map<String, Object> t : targets) {
            Object met = t.get("met");
            lines.add(String.format("  %-7s %s: %s%s", met == null ? "n/a" : (Boolean) met ? "met" : "MISSED",
                    t.get("target"), t.get("value"), t.containsKey("note") ? " (" + t.get("note") + ")" : ""));
        }
        return lines;
    }

    /** A stage's recovery in seconds, or "&gt;N" when it had not recovered within the N s the run watched. */
    private static String seconds(Map<?, ?> recovery, String stage) {
        Object value = recovery.get(stage);
        return value != null ? value.toString() : ">" + recovery.get("notRecoveredWithinSeconds");
    }

    /** Which parts had not recovered. */
    private static String notRecovered(Map<?, ?> recovery) {
        List<String> parts = new ArrayList<>();
        for (String part : List.of("personalize", "lake", "lag")) {
            if (recovery.get(part) == null) {
                parts.add(part.equals("lag") ? "consumer lag" : part + " latency");
            }
        }
        return String.join(", ", parts);
    }

    private static String pair(Map<?, ?> percentiles) {
        return percentiles.get("p50") == null ? "-" : percentiles.get("p50") + "/" + percentiles.get("p99");
    }
}
