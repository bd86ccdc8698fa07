package io.lakeloop.cli.chaos;

import io.lakeloop.cli.Console;
import io.lakeloop.cli.StackException;
import io.lakeloop.cli.demo.DemoObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waiting the way the demo waits during a fault run: the observer keeps reading every stage about once a second (the
 * emulator keeps a bounded history, and the backlog checks need fresh views), with a progress line every few seconds.
 */
public final class ObservingWait {

    private static final Duration LOOK_EVERY = Duration.ofSeconds(1);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    private final DemoObserver observer;
    private final Console console;
    private final Supplier<String> producing;
    private Instant nextProgress = Instant.now();

    /** @param producing what the producer has done so far, for the progress line */
    public ObservingWait(DemoObserver observer, Console console, Supplier<String> producing) {
        this.observer = Objects.requireNonNull(observer, "observer");
        this.console = Objects.requireNonNull(console, "console");
        this.producing = Objects.requireNonNull(producing, "producing");
    }

    /** Observes for {@code length}. */
    public void pause(Duration length) {
        until(length, () -> false);
    }

    /** Observes until {@code done} holds (checked after each look) or {@code max} passed; returns whether it held. */
    public boolean until(Duration max, BooleanSupplier done) {
        Instant deadline = Instant.now().plus(max);
        while (true) {
            look();
            if (done.getAsBoolean()) {
                return true;
            }
            if (!Instant.now().isBefore(deadline)) {
                return false;
            }
            sleep(Duration.ofMillis(Math.min(LOOK_EVERY.toMillis(),
                    Math.max(1, Duration.between(Instant.now(), deadline).toMillis()))));
        }
    }

    /** Runs {@code action} on a thread of its own (starting a process takes a while) and observes until it is done. */
    public void during(String what, Runnable action) {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                failure.set(e);
            }
        }, "lakeloop-chaos-" + what);
        thread.setDaemon(true);
        thread.start();
        until(Duration.ofMinutes(5), () -> !thread.isAlive());
        if (thread.isAlive()) {
            throw new StackException(what + " did not finish within 5 minutes");
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    private void look() {
        observer.observe();
        if (!Instant.now().isBefore(nextProgress)) {
            console.progress("  %s  %s", producing.get(), observer.progressLine());
            nextProgress = Instant.now().plus(PROGRESS_EVERY);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted", e);
        }
    }
}
