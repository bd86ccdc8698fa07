package io.lakeloop.export;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** The exporter's threads: all daemons (an abandoned export never keeps the JVM alive), named for thread dumps. */
public final class Background {

    private Background() {
    }

    /** Runs {@code work} on a new daemon thread named {@code name}; its result or exception completes the future. */
    static <T> CompletableFuture<T> start(String name, Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        daemons(name).newThread(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }).start();
        return result;
    }

    /** Daemon threads named {@code prefix-1}, {@code prefix-2}… */
    public static ThreadFactory daemons(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
