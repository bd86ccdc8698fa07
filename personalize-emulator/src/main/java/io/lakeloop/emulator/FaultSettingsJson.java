package io.lakeloop.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakeloop.emulator.FaultSettings.LatencyDistribution;
import io.lakeloop.emulator.FaultSettings.OutageMode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON form of {@link FaultSettings} used by {@code /_emulator/faults}:
 * {@code {"throttleRatio":0.3,"errorRatio":0.05,"latencyMs":25,"latencyJitterMs":10,"latencyDistribution":"uniform",
 * "outageSeconds":20,"outageMode":"refuse|503"}}. A POST replaces the settings: members left out are 0 / defaults.
 */
final class FaultSettingsJson {

    private FaultSettingsJson() {
    }

    static FaultSettings read(JsonNode body) {
        for (String name : new String[] {"throttleRatio", "errorRatio", "latencyMs", "latencyJitterMs",
                "outageSeconds"}) {
            JsonNode value = body.get(name);
            if (value != null && !value.isNull() && !value.isNumber()) {
                throw new IllegalArgumentException(name + " must be a number");
            }
        }
        LatencyDistribution distribution = body.hasNonNull("latencyDistribution")
                ? LatencyDistribution.valueOf(body.get("latencyDistribution").asText().toUpperCase(Locale.ROOT))
                : LatencyDistribution.UNIFORM;
        OutageMode mode = body.hasNonNull("outageMode")
                ? OutageMode.parse(body.get("outageMode").asText()) : OutageMode.REFUSE;
        return new FaultSettings(body.path("throttleRatio").asDouble(0), body.path("errorRatio").asDouble(0),
                body.path("latencyMs").asLong(0), body.path("latencyJitterMs").asLong(0), distribution,
                body.path("outageSeconds").asLong(0), mode);
    }

    static Map<String, Object> write(FaultSettings settings) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("throttleRatio", settings.throttleRatio());
        body.put("errorRatio", settings.errorRatio());
        body.put("latencyMs", settings.latencyMs());
        body.put("latencyJitterMs", settings.latencyJitterMs());
        body.put("latencyDistribution", settings.latencyDistribution().name().toLowerCase(Locale.ROOT));
        body.put("outageSeconds", settings.outageSeconds());
        body.put("outageMode", settings.outageMode().wireName());
        return body;
    }
}
