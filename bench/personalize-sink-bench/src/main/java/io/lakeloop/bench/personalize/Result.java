package io.lakeloop.bench.personalize;

/** What one scenario measured. */
record Result(Scenario scenario, double seconds, long calls, long throttled, double p50Ms, double p99Ms,
              double maxMs, long recorded, double connectorCpuMicrosPerEvent, double emulatorCpuMicrosPerEvent,
              double coresUsed) {

    double eventsPerSecond() {
        return scenario.events() / seconds;
    }

    String row() {
        return String.format("| %s | %,d | %d | %d | %s | %,.0f | %,d | %d | %.0f | %.0f | %.0f | %.1f | %.1f | %.2f |",
                scenario.name(), scenario.events(), scenario.batchSize(), scenario.inFlight(),
                scenario.offeredPerSecond() > 0 ? String.format("%,.0f/s", scenario.offeredPerSecond()) : "saturated",
                eventsPerSecond(), calls, throttled, p50Ms, p99Ms, maxMs, connectorCpuMicrosPerEvent,
                emulatorCpuMicrosPerEvent, coresUsed);
    }
}
