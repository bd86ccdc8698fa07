package io.lakeloop.cli.chaos;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One injected fault: when it began and ended (epoch ms; equal for a crash, whose effects the figures measure from the
 * crash on) and what happened (which process, how long the survivors took over, …).
 */
public record FaultWindow(Scenario scenario, long startMs, long endMs, Map<String, Object> details) {

    public FaultWindow {
        Objects.requireNonNull(scenario, "scenario");
        details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
        if (endMs < startMs) {
            throw new IllegalArgumentException("a fault cannot end before it starts");
        }
    }
}
