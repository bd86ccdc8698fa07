package io.lakeloop.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a resource once per test class and stops it after the class.
 *
 * <p>Register the subclasses on a {@code static} field with {@code @RegisterExtension}. {@code @Nested} classes
 * inherit the registration; the resource is started by the outermost class only and stopped when that class ends.
 * The resource can also be driven by hand ({@link #start()} / {@link #close()}), e.g. from a benchmark.
 */
public abstract class ClassScopedExtension implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    private String ownerContextId;
    private boolean running;

    /** Starts the resource; does nothing when it is already running. */
    public final synchronized void start() {
        if (running) {
            return;
        }
        try {
            doStart();
        } catch (RuntimeException e) {
            safeStop();
            throw e;
        } catch (Exception e) {
            safeStop();
            throw new IllegalStateException(getClass().getSimpleName() + " failed to start", e);
        }
        running = true;
    }

    /** Stops the resource and frees its ports and files; does nothing when it is not running. */
    @Override
    public final synchronized void close() {
        if (!running) {
            return;
        }
        running = false;
        safeStop();
    }

    /** True between {@link #start()} and {@link #close()}. */
    public final synchronized boolean isRunning() {
        return running;
    }

    @Override
    public final void beforeAll(ExtensionContext context) {
        synchronized (this) {
            if (running) {
                return;
            }
            ownerContextId = context.getUniqueId();
        }
        start();
    }

    @Override
    public final void afterAll(ExtensionContext context) {
        synchronized (this) {
            if (!context.getUniqueId().equals(ownerContextId)) {
                return;
            }
            ownerContextId = null;
        }
        close();
    }

    /** Throws unless running: every accessor of a subclass calls this first, for a clear message. */
    protected final synchronized void requireRunning() {
        if (!running) {
            throw new IllegalStateException(getClass().getSimpleName()
                    + " is not running: register it on a static field with @RegisterExtension, or call start()");
        }
    }

    protected abstract void doStart() throws Exception;

    protected abstract void doStop() throws Exception;

    private void safeStop() {
        try {
            doStop();
        } catch (Exception e) {
            throw new IllegalStateException(getClass().getSimpleName() + " failed to stop cleanly", e);
        }
    }
}
