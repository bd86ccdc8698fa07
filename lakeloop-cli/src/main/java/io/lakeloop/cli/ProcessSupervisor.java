package io.lakeloop.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the stack's services as child processes, each with its log ({@code logs/<name>.log}) and pid file
 * ({@code run/<name>.pid}), waits until each is ready, and stops them in reverse order: SIGTERM, then SIGKILL after
 * {@link #STOP_TIMEOUT}. {@link #stopRecorded} does the same from the pid files alone, for {@code lakeloop down} and
 * for a stack whose {@code up} was killed.
 */
public final class ProcessSupervisor implements AutoCloseable {

    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(ProcessSupervisor.class);
    private static final int LOG_TAIL_LINES = 25;

    private final Path runDir;
    private final Path logsDir;
    private final Map<String, Running> running = Collections.synchronizedMap(new LinkedHashMap<>());
    private volatile boolean closing;

    private record Running(ServiceSpec spec, Process process, PidFile pidFile) {
    }

    public ProcessSupervisor(Path runDir, Path logsDir) {
        this.runDir = runDir;
        this.logsDir = logsDir;
    }

    /** Fails with a message naming the service and the port when something already listens on one of them. */
    public static void requireFreePorts(Map<String, Integer> portsByService) {
        List<String> taken = new ArrayList<>();
        portsByService.forEach((service, port) -> {
            if (!isFree(port)) {
                taken.add(port + " (" + service + ")");
            }
        });
        if (!taken.isEmpty()) {
            throw new StackException("Port " + String.join(", ", taken) + (taken.size() > 1 ? " are" : " is")
                    + " already in use. Stop what uses it (lakeloop down, if it is an earlier stack) or choose "
                    + "other ports (lakeloop up --help lists the options).");
        }
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            return false;
        }
        return !Readiness.isListening("127.0.0.1", port);
    }

    /** Starts {@code spec}, records its pid and blocks until it is ready; on failure stops it and explains why. */
    public void start(ServiceSpec spec) {
        Process process = launch(spec, logFile(spec.name()));
        PidFile pidFile = PidFile.write(runDir, spec.name(), process.toHandle());
        synchronized (running) {
            if (closing) {
                // the stack is being stopped (e.g. Ctrl-C while a fault scenario restarts a service): no orphan
                process.destroyForcibly();
                pidFile.delete();
                throw new StackException("Not starting " + spec.name() + ": the stack is stopping");
            }
            running.put(spec.name(), new Running(spec, process, pidFile));
        }
        Instant deadline = Instant.now().plus(spec.startTimeout());
        while (!spec.readiness().ready()) {
            if (!process.isAlive()) {
                forget(spec.name());
                throw new StackException(spec.name() + " exited with code " + process.exitValue()
                        + " while starting. Last lines of " + logFile(spec.name()) + ":\n" + tail(spec.name()));
            }
            if (Instant.now().isAfter(deadline)) {
                stop(spec.name());
                throw new StackException(spec.name() + " was not ready within " + spec.startTimeout().toSeconds()
                        + " s. Last lines of " + logFile(spec.name()) + ":\n" + tail(spec.name()));
            }
            pause(Duration.ofMillis(200));
        }
        LOG.debug("{} ready on {}", spec.name(), spec.endpoint());
    }

    /** Runs a short command to completion (e.g. formatting the broker's storage) and returns its output. */
    public String runToCompletion(ServiceSpec spec, Duration timeout) {
        Path log = logFile(spec.name());
        Process process = launch(spec, log);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new StackException(spec.name() + " did not finish within " + timeout.toSeconds() + " s");
            }
            String output = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new StackException(spec.name() + " failed with code " + process.exitValue() + ":\n"
                        + tail(spec.name()));
            }
            return output;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new StackException("Interrupted while running " + spec.name(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Process launch(ServiceSpec spec, Path log) {
        try {
            Files.createDirectories(logsDir);
            Files.createDirectories(runDir);
            Files.createDirectories(spec.workingDir());
            ProcessBuilder builder = new ProcessBuilder(spec.command())
                    .directory(spec.workingDir().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().putAll(spec.environment());
            Files.writeString(log, "---- " + Instant.now() + " " + String.join(" ", spec.command()) + "\n",
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            return builder.start();
        } catch (IOException e) {
            throw new StackException("Cannot start " + spec.name() + ": " + e.getMessage(), e);
        }
    }

    /** The first service that exited although nobody stopped it, if any. */
    public Optional<String> firstExited() {
        if (closing) {
            return Optional.empty();
        }
        synchronized (running) {
            return running.values().stream().filter(r -> !r.process().isAlive())
                    .map(r -> r.spec().name() + " exited with code " + r.process().exitValue() + " (see "
                            + logFile(r.spec().name()) + ")")
                    .findFirst();
        }
    }

    /**
     * Stops {@code name} without a chance to clean up (SIGKILL), as a crash does, and returns how it was started so
     * that {@link #start(ServiceSpec)} can bring it back on the same data.
     */
    public ServiceSpec kill(String name) {
        Running r = requireRunning(name);
        LOG.debug("Killing {} (pid {})", name, r.process().pid());
        r.process().destroyForcibly();
        await(r.process().toHandle(), STOP_TIMEOUT);
        forget(name);
        return r.spec();
    }

    /** Stops {@code name} as an operator does (SIGTERM, SIGKILL after the timeout) and returns how it was started. */
    public ServiceSpec terminate(String name) {
        Running r = requireRunning(name);
        stop(name);
        return r.spec();
    }

    /** True while {@code name} runs under this supervisor (started, and neither stopped nor killed since). */
    /** True once the stack is being stopped (Ctrl-C, close): nothing starts any more. */
    public boolean closing() {
        return closing;
    }

    public boolean isRunning(String name) {
        Running r = running.get(name);
        return r != null && r.process().isAlive();
    }

    /** The process of a running service. */
    public ProcessHandle handle(String name) {
        return requireRunning(name).process().toHandle();
    }

    private Running requireRunning(String name) {
        Running r = running.get(name);
        if (r == null) {
            throw new IllegalArgumentException("No running service " + name);
        }
        return r;
    }

    public void stop(String name) {
        Running r = running.get(name);
        if (r != null) {
            terminate(name, r.process().toHandle());
            forget(name);
        }
    }

    /**
     * Stops the services wave after wave, those of one wave side by side (e.g. the broker's clients together, then the
     * broker), then whatever else still runs.
     */
    public void stopInWaves(List<List<String>> waves) {
        synchronized (running) {
            closing = true;
        }
        for (List<String> wave : waves) {
            List<Thread> stoppers = new ArrayList<>();
            for (String name : wave) {
                Thread t = new Thread(() -> stop(name), "lakeloop-stop-" + name);
                t.start();
                stoppers.add(t);
            }
            for (Thread t : stoppers) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        close();
    }

    /** Stops every service this supervisor started, the last started first. */
    @Override
    public void close() {
        List<String> names;
        synchronized (running) {
            closing = true;
            names = new ArrayList<>(running.keySet());
        }
        Collections.reverse(names);
        names.forEach(this::stop);
    }

    /**
     * Stops the processes recorded in {@code runDir} in the given order (for {@code down}); returns the names of
     * those that were running. Stale pid files are removed.
     */
    public static List<String> stopRecorded(Path runDir, List<String> order) {
        return stopRecorded(runDir, order, STOP_TIMEOUT);
    }

    /** As {@link #stopRecorded(Path, List)}, waiting up to {@code timeout} for each to exit after SIGTERM. */
    public static List<String> stopRecorded(Path runDir, List<String> order, Duration timeout) {
        List<String> stopped = new ArrayList<>();
        for (String name : order) {
            Optional<PidFile> pidFile = PidFile.read(runDir, name);
            if (pidFile.isEmpty()) {
                continue;
            }
            Optional<ProcessHandle> live = pidFile.get().liveProcess();
            if (live.isPresent()) {
                terminate(name, live.get(), timeout);
                stopped.add(name);
            }
            pidFile.get().delete();
        }
        return stopped;
    }

    /** Names from {@code order} whose recorded process is alive. */
    public static List<String> recordedAlive(Path runDir, List<String> order) {
        return order.stream()
                .filter(name -> PidFile.read(runDir, name).flatMap(PidFile::liveProcess).isPresent())
                .toList();
    }

    private static void terminate(String name, ProcessHandle handle) {
        terminate(name, handle, STOP_TIMEOUT);
    }

    private static void terminate(String name, ProcessHandle handle, Duration timeout) {
        if (!handle.isAlive()) {
            return;
        }
        LOG.debug("Stopping {} (pid {})", name, handle.pid());
        handle.destroy();
        if (!await(handle, timeout)) {
            LOG.warn("{} (pid {}) did not stop within {} s of SIGTERM; killing it", name, handle.pid(),
                    timeout.toSeconds());
            handle.destroyForcibly();
            await(handle, Duration.ofSeconds(10));
        }
    }

    private static boolean await(ProcessHandle handle, Duration timeout) {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !handle.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        }
    }

    private void forget(String name) {
        Running r = running.remove(name);
        if (r != null) {
            r.pidFile().delete();
        }
    }

    public Path logFile(String name) {
        return logsDir.resolve(name + ".log");
    }

    private String tail(String name) {
        try {
            List<String> lines = new String(Files.readAllBytes(logFile(name)), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted", e);
        }
    }
}
