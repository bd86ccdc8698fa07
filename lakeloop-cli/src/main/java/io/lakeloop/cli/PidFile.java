package io.lakeloop.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code run/<name>.pid}: the pid of a service and the instant it started. {@link #liveProcess()} answers the process
 * only while it is still the one recorded (same start instant, or its command line carries the service marker), so a
 * stale file never leads to signalling an unrelated process that reused the pid.
 */
public record PidFile(Path path, String name, long pid, Instant started) {

    public static Path pathOf(Path runDir, String name) {
        return runDir.resolve(name + ".pid");
    }

    public static PidFile write(Path runDir, String name, ProcessHandle process) {
        Instant started = process.info().startInstant().orElse(Instant.EPOCH);
        Path path = pathOf(runDir, name);
        try {
            Files.createDirectories(runDir);
            Path tmp = runDir.resolve(name + ".pid.tmp");
            Files.writeString(tmp, process.pid() + "\n" + started + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the pid file " + path, e);
        }
        return new PidFile(path, name, process.pid(), started);
    }

    public static Optional<PidFile> read(Path runDir, String name) {
        Path path = pathOf(runDir, name);
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
            long pid = Long.parseLong(lines.get(0).trim());
            Instant started = lines.size() > 1 && !lines.get(1).isBlank() ? Instant.parse(lines.get(1).trim())
                    : Instant.EPOCH;
            return Optional.of(new PidFile(path, name, pid, started));
        } catch (IOException | RuntimeException e) {
            // unreadable or half-written: nothing we can safely signal
            return Optional.of(new PidFile(path, name, -1, Instant.EPOCH));
        }
    }

    /** The recorded process if it is still alive and still the one this file was written for. */
    public Optional<ProcessHandle> liveProcess() {
        if (pid <= 0) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(this::isSameProcess);
    }

    private boolean isSameProcess(ProcessHandle handle) {
        ProcessHandle.Info info = handle.info();
        Optional<Instant> start = info.startInstant();
        if (start.isPresent() && !Instant.EPOCH.equals(started)) {
            return start.get().equals(started);
        }
        return info.arguments().map(Arrays::asList)
                .map(args -> args.contains(ServiceSpec.marker(name)))
                .orElse(false);
    }

    public void delete() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the pid file " + path, e);
        }
    }
}
