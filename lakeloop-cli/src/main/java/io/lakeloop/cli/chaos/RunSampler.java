package io.lakeloop.cli.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakeloop.cli.demo.EmulatorClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Samples, once a second on a thread of its own, what the figures need over time: each group's consumer lag and the
 * emulator's call counters (calls, accepted calls, quota 429s, injected 429s). A source that cannot be read at a
 * moment (it is the one the fault took down) is simply missing from that sample.
 */
final class RunSampler implements AutoCloseable {

    /** One look: epoch ms, lag by group, and the emulator's PutEvents counters (-1 when unreadable). */
    record Sample(long atMs, Map<String, Long> lag, long calls, long acceptedCalls, long quotaThrottled,
                  long injectedThrottled) {
        boolean hasCalls() {
            return calls >= 0;
        }
    }

    private final LagProbe lag;
    private final EmulatorClient emulator;
    private final List<Sample> samples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean stopping;

    RunSampler(LagProbe lag, EmulatorClient emulator) {
        this.lag = Objects.requireNonNull(lag, "lag");
        this.emulator = Objects.requireNonNull(emulator, "emulator");
        this.thread = new Thread(this::run, "lakeloop-demo-sampler");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        while (!stopping) {
            long begin = System.currentTimeMillis();
            Map<String, Long> lags = lag.sample();
            long calls = -1;
            long accepted = -1;
            long quota = -1;
            long injected = -1;
            try {
                JsonNode stats = emulator.stats();
                calls = stats.path("calls").path("PutEvents").asLong();
                accepted = stats.path("acceptedCalls").path("PutEvents").asLong();
                quota = stats.path("throttled").asLong();
                injected = stats.path("injectedFaults").path("THROTTLE").asLong();
            } catch (RuntimeException unreachable) {
                // the emulator refuses connections during its outage
            }
            synchronized (samples) {
                samples.add(new Sample(begin, Map.copyOf(lags), calls, accepted, quota, injected));
            }
            try {
                Thread.sleep(Math.max(50, 1000 - (System.currentTimeMillis() - begin)));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    @Override
    public void close() {
        if (stopping) {
            return;
        }
        stopping = true;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lag.close();
    }
}
