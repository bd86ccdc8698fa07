package io.lakeloop.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeloop.emulator.FaultSettings.LatencyDistribution;
import io.lakeloop.emulator.FaultSettings.OutageMode;
import org.junit.jupiter.api.Test;

class FaultSettingsTest {

    @Test
    void readsAndWritesTheHttpForm() throws Exception {
        FaultSettings settings = FaultSettingsJson.read(Json.MAPPER.readTree("{\"throttleRatio\":0.3,"
                + "\"errorRatio\":0.05,\"latencyMs\":25,\"latencyJitterMs\":10,\"latencyDistribution\":\"normal\","
                + "\"outageSeconds\":20,\"outageMode\":\"503\"}"));

        assertThat(settings).isEqualTo(new FaultSettings(0.3, 0.05, 25, 10, LatencyDistribution.NORMAL, 20,
                OutageMode.UNAVAILABLE));
        assertThat(FaultSettingsJson.write(settings)).containsEntry("outageMode", "503")
                .containsEntry("latencyDistribution", "normal");
    }

    @Test
    void rejectsImpossibleSettingsNamingTheField() {
        assertThatThrownBy(() -> FaultSettings.none().withThrottleRatio(1.2)).hasMessageContaining("throttleRatio");
        assertThatThrownBy(() -> FaultSettings.none().withThrottleRatio(0.6).withErrorRatio(0.6))
                .hasMessageContaining("must not exceed 1");
        assertThatThrownBy(() -> FaultSettings.none().withLatency(-1, 0, null)).hasMessageContaining("latencyMs");
        assertThatThrownBy(() -> OutageMode.parse("sometimes")).hasMessageContaining("refuse");
    }
}
