package io.lakeloop.emulator;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listening socket: a JDK {@link HttpServer} with TCP_NODELAY (without it every response waits ~40 ms for the
 * delayed ACK) and a bounded pool of handler threads whose queue, when full, makes the accepting thread run the
 * exchange itself (backpressure instead of unbounded buffering). It can stop listening for a while and bind the same
 * port again, which is how an outage looks to a client: connection refused.
 */
final class EmulatorServer implements AutoCloseable {

    static {
        // must be set before the JDK's HttpServer reads its configuration, i.e. before the first server starts
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(EmulatorServer.class);
    private static final int QUEUE_CAPACITY = 10_000;
    private static final Duration REBIND_RETRY = Duration.ofMillis(100);
    /** Pending connections the kernel queues while every handler is busy (the JDK default is 50). */
    private static final int BACKLOG = 1024;

    private final String host;
    private final HttpHandler api;
    private final HttpHandler admin;
    private final ThreadPoolExecutor executor;
    private final ScheduledExecutorService scheduler;
    private final Object lock = new Object();
    private HttpServer server;
    private int port;
    private boolean closed;
    private ScheduledFuture<?> rebind;

    EmulatorServer(String host, int port, int threads, HttpHandler api, HttpHandler admin) {
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.api = Objects.requireNonNull(api, "api");
        this.admin = Objects.requireNonNull(admin, "admin");
        this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(QUEUE_CAPACITY), daemonThreads("personalize-emulator-http-"),
                new ThreadPoolExecutor.CallerRunsPolicy());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemonThreads("personalize-emulator-outage-"));
    }

    void start() throws IOException {
        synchronized (lock) {
            server = bind();
            port = server.getAddress().getPort();
        }
    }

    int port() {
        synchronized (lock) {
            return port;
        }
    }

    /** Stops listening now and binds the same port again after {@code length}; a new call restarts the clock. */
    void refuseFor(Duration length) {
        scheduler.execute(() -> {
            synchronized (lock) {
                if (closed) {
                    return;
                }
                if (server != null) {
                    server.stop(0);
                    server = null;
                    LOG.info("Not listening on port {} for {}", port, length);
                }
                if (rebind != null) {
                    rebind.cancel(false);
                }
                rebind = scheduler.schedule(this::rebind, length.toMillis(), TimeUnit.MILLISECONDS);
            }
        });
    }

    private void rebind() {
        synchronized (lock) {
            if (closed || server != null) {
                return;
            }
            try {
                server = bind();
                LOG.info("Listening again on port {}", port);
            } catch (BindException e) {
                LOG.warn("Port {} not free yet, retrying", port);
                rebind = scheduler.schedule(this::rebind, REBIND_RETRY.toMillis(), TimeUnit.MILLISECONDS);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private HttpServer bind() throws IOException {
        HttpServer next = HttpServer.create(new InetSocketAddress(host, port), BACKLOG);
        next.createContext("/", api);
        next.createContext(AdminHandler.PREFIX, admin);
        next.setExecutor(executor);
        next.start();
        return next;
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            if (rebind != null) {
                rebind.cancel(false);
            }
            if (server != null) {
                server.stop(0);
                server = null;
            }
        }
        scheduler.shutdownNow();
        executor.shutdownNow();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
