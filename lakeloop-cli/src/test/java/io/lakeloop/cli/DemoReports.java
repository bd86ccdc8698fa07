package io.lakeloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

/** What every demo report must say, whatever the run: each stage exact, every dead letter with its reason. */
final class DemoReports {

    private DemoReports() {
    }

    /** The report of a run of {@code events} events reconciles exactly at every stage. */
    static void assertReconciledExactly(JsonNode report, long events) {
        assertThat(report.path("reconciled").asBoolean()).as(report.toString()).isTrue();
        JsonNode produced = report.path("produced");
        long good = produced.path("good").asLong();
        long anonymous = produced.path("anonymous").asLong();
        long broken = produced.path("broken").asLong();
        assertThat(good + anonymous + broken).isEqualTo(events);
        assertThat(broken).isPositive();
        assertThat(anonymous).isPositive();
        JsonNode stages = report.path("stages");
        stages.fields().forEachRemaining(stage -> assertThat(stage.getValue().path("ok").asBoolean())
                .as("stage %s: %s", stage.getKey(), stage.getValue()).isTrue());
        assertThat(stages.path("produced").path("observed").asLong()).isEqualTo(produced.path("records").asLong());
        assertThat(stages.path("personalize").path("observed").asLong()).isEqualTo(good + anonymous);
        assertThat(stages.path("collated").path("observed").asLong()).isEqualTo(good);
        assertThat(stages.path("collated").path("duplicates").asLong()).isZero();
        assertThat(stages.path("lake").path("observed").asLong()).isEqualTo(good);
        assertThat(stages.path("lake").path("duplicates").asLong()).isZero();
        assertThat(stages.path("exported").path("observed").asLong()).isEqualTo(good);
        assertThat(stages.path("dead-lettered").path("observed").asLong()).isEqualTo(broken + anonymous);
        assertThat(stages.path("personalize-dlq").path("observed").asLong()).isEqualTo(broken);
        assertThat(stages.path("upstream").path("observed").asLong()
                + stages.path("upstream-dlq").path("observed").asLong()).isEqualTo(produced.path("records").asLong());
        assertThat(stages.path("upstream").path("duplicates").asLong()).isZero();
        long reasons = 0;
        for (JsonNode reason : report.path("dlqReasons")) {
            assertThat(reason.path("observed").asLong()).isEqualTo(reason.path("expected").asLong());
            reasons += reason.path("observed").asLong();
        }
        assertThat(reasons).isEqualTo(broken + anonymous);
        assertThat(report.path("personalizeTraining").path("trainable").asBoolean()).isTrue();
        assertThat(report.path("export").path("header").get(0).asText()).isEqualTo("USER_ID");
    }
}
