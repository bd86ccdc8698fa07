package io.lakeloop.cli.demo;

import io.lakeloop.event.PersonalizeLimits;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares what the demo produced with what each stage of the loop holds, and says whether the numbers reconcile:
 * every stage exact (no loss, no unexpected event, repeats only where allowed), every dead letter with the expected
 * reason, and the exported file large enough for Personalize to train on. Pure: no I/O.
 */
public final class Reconciliation {

    static final int SAMPLE = 5;

    private final List<StageResult> stages;
    private final Map<String, long[]> deadLetterReasons;
    private final Trainability trainability;

    /** Personalize's training minimums applied to the exported file. */
    public record Trainability(long interactions, long usersWithTwoOrMore) {
        public boolean trainable() {
            return interactions >= PersonalizeLimits.MIN_INTERACTIONS_TO_TRAIN
                    && usersWithTwoOrMore >= PersonalizeLimits.MIN_USERS_WITH_TWO_INTERACTIONS;
        }
    }

    public Reconciliation(List<StageResult> stages, Map<String, Long> expectedReasons,
                          Map<String, Long> observedReasons, Trainability trainability) {
        this.stages = List.copyOf(stages);
        this.trainability = Objects.requireNonNull(trainability, "trainability");
        Map<String, long[]> reasons = new TreeMap<>();
        expectedReasons.forEach((code, n) -> reasons.computeIfAbsent(code, k -> new long[2])[0] = n);
        observedReasons.forEach((code, n) -> reasons.computeIfAbsent(code, k -> new long[2])[1] = n);
        this.deadLetterReasons = reasons;
    }

    /** A stage compared as sets of ids: exact equality, with up to {@value #SAMPLE} missing/unexpected ids named. */
    public static StageResult compareIds(String stage, String description, Set<String> expected,
                                         Collection<String> deliveredIds, boolean duplicatesAllowed) {
        Set<String> distinct = new TreeSet<>(deliveredIds);
        List<String> missing = new ArrayList<>();
        for (String id : expected) {
            if (!distinct.contains(id) && missing.size() < SAMPLE) {
                missing.add(id);
            }
        }
        List<String> unexpected = new ArrayList<>();
        for (String id : distinct) {
            if (!expected.contains(id) && unexpected.size() < SAMPLE) {
                unexpected.add(id);
            }
        }
        return new StageResult(stage, description, expected.size(), distinct.size(), deliveredIds.size(),
                duplicatesAllowed, missing, unexpected);
    }

    public List<StageResult> stages() {
        return stages;
    }

    /** Reason code → {expected, observed}. */
    public Map<String, long[]> deadLetterReasons() {
        return deadLetterReasons;
    }

    public Trainability trainability() {
        return trainability;
    }

    public boolean reasonsMatch() {
        return deadLetterReasons.values().stream().allMatch(v -> v[0] == v[1]);
    }

    public boolean reconciles() {
        return !stages.isEmpty() && stages.stream().allMatch(StageResult::ok) && reasonsMatch()
                && trainability.trainable();
    }

    /** The reconciliation as the JSON object {@code demo --json} prints (keys are stable API). */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("reconciled", reconciles());
        Map<String, Object> byStage = new LinkedHashMap<>();
        for (StageResult s : stages) {
            Map<String, Object> stage = new LinkedHashMap<>();
            stage.put("description", s.description());
            stage.put("expected", s.expected());
            stage.put("observed", s.observed());
            stage.put("duplicates", s.duplicates());
            stage.put("duplicatesAllowed", s.duplicatesAllowed());
            stage.put("ok", s.ok());
            if (!s.missing().isEmpty()) {
                stage.put("missingSample", s.missing());
            }
            if (!s.unexpected().isEmpty()) {
                stage.put("unexpectedSample", s.unexpected());
            }
            byStage.put(s.stage(), stage);
        }
        json.put("stages", byStage);
        Map<String, Object> reasons = new LinkedHashMap<>();
        deadLetterReasons.forEach((code, v) -> reasons.put(code, Map.of("expected", v[0], "observed", v[1])));
        json.put("dlqReasons", reasons);
        Map<String, Object> train = new LinkedHashMap<>();
        train.put("interactions", trainability.interactions());
        train.put("usersWithTwoOrMoreInteractions", trainability.usersWithTwoOrMore());
        train.put("minimumInteractions", PersonalizeLimits.MIN_INTERACTIONS_TO_TRAIN);
        train.put("minimumUsersWithTwoOrMore", PersonalizeLimits.MIN_USERS_WITH_TWO_INTERACTIONS);
        train.put("trainable", trainability.trainable());
        json.put("personalizeTraining", train);
        return json;
    }

    /** The human-readable table {@code demo} prints. */
    public List<String> toLines() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%-14s %9s %9s %6s  %-8s %s", "stage", "expected", "observed", "dups", "", "what"));
        for (StageResult s : stages) {
            String note = "";
            if (!s.missing().isEmpty()) {
                note += "  missing e.g. " + s.missing();
            }
            if (!s.unexpected().isEmpty()) {
                note += "  unexpected e.g. " + s.unexpected();
            }
            lines.add(String.format("%-14s %9d %9d %6s  %-8s %s%s", s.stage(), s.expected(), s.observed(),
                    s.duplicates() == 0 ? "-" : s.duplicates() + (s.duplicatesAllowed() ? "*" : "!"),
                    s.ok() ? "ok" : "MISMATCH", s.description(), note));
        }
        lines.add("dead letters by reason (expected/observed):");
        deadLetterReasons.forEach((code, v) -> lines.add(String.format("  %-26s %5d / %-5d %s", code, v[0], v[1],
                v[0] == v[1] ? "ok" : "MISMATCH")));
        lines.add(String.format("Personalize training minimums: %d interactions (need %d), %d users with 2+ (need %d): %s",
                trainability.interactions(), PersonalizeLimits.MIN_INTERACTIONS_TO_TRAIN,
                trainability.usersWithTwoOrMore(), PersonalizeLimits.MIN_USERS_WITH_TWO_INTERACTIONS,
                trainability.trainable() ? "trainable" : "NOT trainable"));
        if (stages.stream().anyMatch(s -> s.duplicates() > 0 && s.duplicatesAllowed())) {
            lines.add("* repeated deliveries after a retry or restart where the design is at-least-once: Personalize "
                    + "keeps one event per event id; Connect's dead-letter queue may repeat a record");
        }
        lines.add(reconciles() ? "RECONCILED: every event is accounted for." : "NOT RECONCILED.");
        return lines;
    }
}
