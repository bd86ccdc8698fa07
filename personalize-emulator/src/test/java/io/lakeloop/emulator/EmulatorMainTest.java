package io.lakeloop.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class EmulatorMainTest {

    @Test
    void parsesEveryFlag() {
        EmulatorMain main = new EmulatorMain();
        new CommandLine(main).parseArgs("--port", "0", "--host", "127.0.0.1", "--tracking-id", "a",
                "--tracking-id", "b", "--dataset-arn", "arn:aws:personalize:us-east-1:1:dataset/x/ITEMS",
                "--events-rps", "5", "--items-rps", "0", "--throttle-ratio", "0.25", "--latency-ms", "3",
                "--access-key", "AK", "--secret-key", "SK", "--seed", "1", "--outage-mode", "503");

        try (PersonalizeEmulator emulator = main.configure(PersonalizeEmulator.builder()).build()) {
            assertThat(emulator.resources().trackingIds()).containsExactlyInAnyOrder("a", "b");
            assertThat(emulator.resources().datasetArns()).hasSize(1);
            assertThat(emulator.isStarted()).isFalse();
        }
        assertThat(main.eventsRps).isEqualTo(5.0);
        assertThat(main.throttleRatio).isEqualTo(0.25);
        assertThat(main.outageMode).isEqualTo(FaultSettings.OutageMode.UNAVAILABLE);
    }

    @Test
    void printsHelp() {
        assertThat(new CommandLine(new EmulatorMain()).execute("--help")).isZero();
    }
}
