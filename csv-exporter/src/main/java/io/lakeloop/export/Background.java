package io.lakeloop.export;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/** Work started on a daemon thread of its own, so a slow set-up step overlaps the caller's. */
final class Background {

    private Background() {
    }

    /** Runs {@code work} on a new daemon thread named {@code name}; its result or exception completes the future. */
    static <T> CompletableFuture<T> start(String name, Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return result;
    }
}
