package io.lakeloop.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReconciliationTest {

    private static final Reconciliation.Trainability TRAINABLE = new Reconciliation.Trainability(1500, 40);

    @Test
    void exactSetsReconcile() {
        StageResult stage = Reconciliation.compareIds("lake", "rows", Set.of("a", "b", "c"), List.of("c", "b", "a"),
                false);
        assertThat(stage.ok()).isTrue();
        assertThat(stage.expected()).isEqualTo(3);
        assertThat(stage.observed()).isEqualTo(3);
        assertThat(stage.duplicates()).isZero();
        Reconciliation r = new Reconciliation(List.of(stage), Map.of("MISSING_FIELD", 2L), Map.of("MISSING_FIELD", 2L),
                TRAINABLE);
        assertThat(r.reconciles()).isTrue();
        assertThat(r.toJson()).containsEntry("reconciled", true);
        assertThat(r.toLines()).last().asString().startsWith("RECONCILED");
    }

    @Test
    void aLostEventIsNamedAndFailsTheStage() {
        StageResult stage = Reconciliation.compareIds("personalize", "accepted", Set.of("a", "b", "c"),
                List.of("a", "c"), true);
        assertThat(stage.ok()).isFalse();
        assertThat(stage.missing()).containsExactly("b");
        assertThat(new Reconciliation(List.of(stage), Map.of(), Map.of(), TRAINABLE).reconciles()).isFalse();
    }

    @Test
    void anUnexpectedEventFailsEvenWhenTheCountMatches() {
        StageResult stage = Reconciliation.compareIds("lake", "rows", Set.of("a", "b"), List.of("a", "zz"), false);
        assertThat(stage.expected()).isEqualTo(stage.observed());
        assertThat(stage.ok()).isFalse();
        assertThat(stage.unexpected()).containsExactly("zz");
        assertThat(stage.missing()).containsExactly("b");
    }

    @Test
    void duplicatesPassOnlyWhereTheDesignAllowsThem() {
        List<String> twice = List.of("a", "b", "b", "c", "c");
        StageResult atLeastOnce = Reconciliation.compareIds("personalize", "accepted", Set.of("a", "b", "c"), twice,
                true);
        StageResult exactlyOnce = Reconciliation.compareIds("lake", "rows", Set.of("a", "b", "c"), twice, false);
        assertThat(atLeastOnce.duplicates()).isEqualTo(2);
        assertThat(atLeastOnce.ok()).isTrue();
        assertThat(exactlyOnce.ok()).isFalse();
        Reconciliation r = new Reconciliation(List.of(atLeastOnce), Map.of(), Map.of(), TRAINABLE);
        assertThat(r.toLines()).anyMatch(l -> l.contains("2*"));
    }

    @Test
    void countStagesCompareNumbers() {
        assertThat(StageResult.ofCounts("upstream", "raw records", 10, 10, 10, false).ok()).isTrue();
        assertThat(StageResult.ofCounts("upstream", "raw records", 10, 9, 9, false).ok()).isFalse();
        assertThat(StageResult.ofCounts("upstream", "raw records", 10, 10, 11, false).ok()).isFalse();
    }

    @Test
    void deadLetterReasonsMustMatchCodeByCode() {
        StageResult stage = StageResult.ofCounts("dlq", "dead letters", 3, 3, 3, false);
        Reconciliation swapped = new Reconciliation(List.of(stage), Map.of("MISSING_FIELD", 2L, "UNDECODABLE", 1L),
                Map.of("MISSING_FIELD", 1L, "UNDECODABLE", 2L), TRAINABLE);
        assertThat(swapped.reasonsMatch()).isFalse();
        assertThat(swapped.reconciles()).isFalse();
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Long>> reasons = (Map<String, Map<String, Long>>) swapped.toJson().get("dlqReasons");
        assertThat(reasons.get("UNDECODABLE")).containsEntry("expected", 1L).containsEntry("observed", 2L);
        Reconciliation extra = new Reconciliation(List.of(stage), Map.of("MISSING_FIELD", 3L),
                Map.of("MISSING_FIELD", 3L, "WRONG_TYPE", 1L), TRAINABLE);
        assertThat(extra.reconciles()).isFalse();
    }

    @Test
    void belowPersonalizesMinimumsIsNotReconciled() {
        StageResult stage = StageResult.ofCounts("exported", "rows", 999, 999, 999, false);
        assertThat(new Reconciliation.Trainability(999, 30).trainable()).isFalse();
        assertThat(new Reconciliation.Trainability(1000, 24).trainable()).isFalse();
        assertThat(new Reconciliation.Trainability(1000, 25).trainable()).isTrue();
        assertThat(new Reconciliation(List.of(stage), Map.of(), Map.of(), new Reconciliation.Trainability(999, 30))
                .reconciles()).isFalse();
    }

    @Test
    void nothingToCompareIsNotAReconciliation() {
        assertThat(new Reconciliation(new ArrayList<>(), Map.of(), Map.of(), TRAINABLE).reconciles()).isFalse();
    }
}
