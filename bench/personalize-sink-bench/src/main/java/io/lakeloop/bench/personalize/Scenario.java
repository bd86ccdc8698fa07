package io.lakeloop.bench.personalize;

/**
 * One measured run: {@code events} events in sessions of {@code eventsPerSession}, sent with calls of up to
 * {@code batchSize}, {@code inFlight} calls at once, {@code rateLimit} requests/s (-1 = the quota, 0 = none), fed as
 * fast as the task takes them ({@code offeredPerSecond} = 0) or paced at {@code offeredPerSecond}.
 */
record Scenario(String name, int events, int eventsPerSession, int batchSize, int inFlight, double rateLimit,
                double offeredPerSecond) {
}
