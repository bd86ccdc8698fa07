package io.lakeloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeloop.cli.chaos.ChaosPlan;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DemoOptionsTest {

    private static DemoOptions parse(String... args) {
        DemoCommand command = new DemoCommand();
        new CommandLine(command).parseArgs(args);
        return command.demoOptions;
    }

    @Test
    void withoutRateOrChaosTheDemoProducesTwoThousandEventsAtOnce() {
        DemoOptions options = parse();
        assertThat(options.paced()).isFalse();
        assertThat(options.events()).isEqualTo(2000);
        assertThat(options.chaosPlan()).isNull();
    }

    @Test
    void chaosProducesAtTwoThousandEventsPerSecondForAsLongAsItsScenariosNeed() {
        DemoOptions options = parse("--chaos", "s3-outage");
        ChaosPlan plan = options.chaosPlan();
        assertThat(options.paced()).isTrue();
        assertThat(options.productionLength()).isEqualTo(plan.plannedLength());
        assertThat(options.events()).isEqualTo(2000 * (int) plan.plannedLength().toSeconds());
        assertThat(options.offeredRate()).isEqualTo(2000.0);
    }

    @Test
    void bareChaosStillMeansThrottlingAndAWorkerCrash() {
        DemoOptions options = parse("--chaos", "--json");
        assertThat(options.chaosPlan().throttleWholeRun()).isTrue();
        assertThat(options.chaosPlan().steps()).extracting(Enum::name).containsExactly("KILL_CONNECT_WORKER");
        assertThat(options.json).isTrue();
    }

    @Test
    void eventsAndRateOrDurationSetTheOther() {
        DemoOptions byDuration = parse("--rate", "500", "--duration", "PT30S");
        assertThat(byDuration.events()).isEqualTo(15_000);
        DemoOptions byEvents = parse("--rate", "400", "--events", "2000");
        assertThat(byEvents.productionLength()).isEqualTo(Duration.ofSeconds(5));
        DemoOptions chaosWithEvents = parse("--events", "1200", "--chaos", "kill-connect-worker");
        assertThat(chaosWithEvents.events()).isEqualTo(1200);
        assertThat(chaosWithEvents.offeredRate())
                .isEqualTo(1200.0 / chaosWithEvents.chaosPlan().plannedLength().toSeconds());
    }

    @Test
    void valuesThatCannotWorkAreRefusedByOption() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> parse("--rate", "0").validate())
                .hasMessageContaining("--rate");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> parse("--duration", "PT0S").validate())
                .hasMessageContaining("--duration");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> parse("--events", "5").validate())
                .hasMessageContaining("--events");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> parse("--chaos", "nope").validate())
                .hasMessageContaining("nope");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> parse("--events", "100", "--rate", "10",
                "--duration", "PT10S").validate()).hasMessageContaining("two of them");
    }
}
