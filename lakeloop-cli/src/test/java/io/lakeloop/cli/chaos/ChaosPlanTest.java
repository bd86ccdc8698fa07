package io.lakeloop.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChaosPlanTest {

    @Test
    void bareChaosThrottlesTheWholeRunAndKillsAWorkerOfThree() {
        ChaosPlan plan = ChaosPlan.parse("");

        assertThat(plan.steps()).containsExactly(Scenario.KILL_CONNECT_WORKER);
        assertThat(plan.throttleWholeRun()).isTrue();
        assertThat(plan.workers()).isEqualTo(3);
        assertThat(plan.collators()).isEqualTo(1);
        assertThat(plan.names(true)).containsExactly("personalize-throttle (whole run)", "kill-connect-worker");
    }

    @Test
    void allRunsEveryScenarioOneAfterAnotherEachInItsOwnSlot() {
        ChaosPlan plan = ChaosPlan.parse("all");

        assertThat(plan.steps()).containsExactly(Scenario.values());
        assertThat(plan.throttleWholeRun()).isFalse();
        assertThat(plan.workers()).isEqualTo(3);
        assertThat(plan.collators()).isEqualTo(2);
        Duration slots = List.of(Scenario.values()).stream().map(Scenario::plannedSlot)
                .reduce(Duration.ZERO, Duration::plus);
        assertThat(plan.plannedLength())
                .isEqualTo(ChaosPlan.WARM_UP.plus(ChaosPlan.BASELINE).plus(slots).plus(ChaosPlan.TAIL));
    }

    @Test
    void aListKeepsItsOrderAndNamesAreForgivingAboutCaseAndSpaces() {
        ChaosPlan plan = ChaosPlan.parse(" S3-Outage , kill-collator,personalize-throttle ");

        assertThat(plan.steps()).containsExactly(Scenario.S3_OUTAGE, Scenario.KILL_COLLATOR);
        assertThat(plan.throttleWholeRun()).isTrue();
        assertThat(plan.collators()).isEqualTo(2);
        assertThat(plan.workers()).isEqualTo(1);
    }

    @Test
    void throttlingAloneIsAPlanOfItsOwn() {
        ChaosPlan plan = ChaosPlan.parse("personalize-throttle");

        assertThat(plan.steps()).isEmpty();
        assertThat(plan.throttleWholeRun()).isTrue();
        assertThat(plan.plannedLength()).isGreaterThan(ChaosPlan.BASELINE.plus(ChaosPlan.TAIL));
    }

    @Test
    void unknownAndRepeatedScenariosAreRefusedByName() {
        assertThatThrownBy(() -> ChaosPlan.parse("kill-everything"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kill-everything").hasMessageContaining("broker-restart");
        assertThatThrownBy(() -> ChaosPlan.parse("s3-outage,s3-outage")).hasMessageContaining("twice");
    }

    @Test
    void theWarmUpBaselineAndTailLengthsCanBeShortenedByPropertyButNotBelowASecond() {
        String property = "lakeloop.demo.test-length";
        try {
            assertThat(ChaosPlan.length(property, Duration.ofSeconds(20))).isEqualTo(Duration.ofSeconds(20));
            System.setProperty(property, "PT5S");
            assertThat(ChaosPlan.length(property, Duration.ofSeconds(20))).isEqualTo(Duration.ofSeconds(5));
            System.setProperty(property, "PT0.5S");
            assertThatThrownBy(() -> ChaosPlan.length(property, Duration.ofSeconds(20)))
                    .hasMessageContaining(property).hasMessageContaining("at least 1 s");
            System.setProperty(property, "5s");
            assertThatThrownBy(() -> ChaosPlan.length(property, Duration.ofSeconds(20)))
                    .hasMessageContaining("ISO-8601").hasMessageContaining("'5s'");
        } finally {
            System.clearProperty(property);
        }
    }
}
