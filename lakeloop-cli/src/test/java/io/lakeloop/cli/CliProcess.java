package io.lakeloop.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/** The CLI run exactly as the {@code lakeloop} script runs it: a separate JVM on the module's jar and lib. */
final class CliProcess implements AutoCloseable {

    static final Path MODULE = Path.of("").toAbsolutePath();
    /** The checkout whose build the CLI runs; {@code -Dlakeloop.it.home} points it at another assembly of the jars. */
    static final Path HOME = Path.of(System.getProperty("lakeloop.it.home", MODULE.getParent().toString()));

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private CliProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    static CliProcess start(Path workDir, String name, List<String> args) {
        return start(workDir, name, "256m", args);
    }

    static CliProcess start(Path workDir, String name, String maxHeap, List<String> args) {
        return start(workDir, name, maxHeap, List.of(), args);
    }

    /** @param jvmOptions options of the CLI's JVM, as {@code LAKELOOP_JAVA_OPTS} gives them */
    static CliProcess start(Path workDir, String name, String maxHeap, List<String> jvmOptions, List<String> args) {
        List<String> command = new ArrayList<>(List.of(JavaCommand.javaExecutable(), "-Xmx" + maxHeap,
                "-D" + LakeloopHome.HOME_PROPERTY + "=" + HOME));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", MODULE.resolve("target/lakeloop-cli.jar") + java.io.File.pathSeparator
                        + MODULE.resolve("target/lib/*"), "io.lakeloop.cli.LakeloopMain"));
        command.addAll(args);
        try {
            Files.createDirectories(workDir);
            Path out = workDir.resolve(name + ".stdout");
            Path err = workDir.resolve(name + ".stderr");
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .start();
            return new CliProcess(process, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the CLI to completion and returns its exit code. */
    static Result run(Path workDir, String name, Duration timeout, List<String> args) {
        return run(workDir, name, "256m", timeout, args);
    }

    static Result run(Path workDir, String name, String maxHeap, Duration timeout, List<String> args) {
        return run(workDir, name, maxHeap, List.of(), timeout, args);
    }

    static Result run(Path workDir, String name, String maxHeap, List<String> jvmOptions, Duration timeout,
                      List<String> args) {
        try (CliProcess cli = start(workDir, name, maxHeap, jvmOptions, args)) {
            int code = cli.waitFor(timeout);
            return new Result(code, cli.stdout(), cli.stderr());
        }
    }

    record Result(int exitCode, String stdout, String stderr) {
    }

    int waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("The CLI did not finish within " + timeout + "; stderr:\n" + stderr());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    void awaitStdout(String text, Duration timeout) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive() && !stdout().contains(text)) {
                throw new AssertionError("The CLI exited with " + process.exitValue() + " before printing '" + text
                        + "'; stderr:\n" + stderr());
            }
            return stdout().contains(text);
        });
    }

    void awaitStderr(String text, Duration timeout) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive() && !stderr().contains(text)) {
                throw new AssertionError("The CLI exited with " + process.exitValue() + " before printing '" + text
                        + "'; stderr:\n" + stderr());
            }
            return stderr().contains(text);
        });
    }

    Process process() {
        return process;
    }

    String stdout() {
        return read(stdout);
    }

    String stderr() {
        return read(stderr);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code count} distinct ports nothing listens on right now, below the ephemeral range (see {@link #freePortRun}). */
    static int[] freePorts(int count) {
        java.util.Random random = new java.util.Random();
        int below = Math.max(21_000 + count, ephemeralLow());
        java.util.Set<Integer> ports = new java.util.LinkedHashSet<>();
        for (int attempt = 0; attempt < 100 * count && ports.size() < count; attempt++) {
            int port = 20_000 + random.nextInt(below - 20_000);
            if (ProcessSupervisor.isFree(port)) {
                ports.add(port);
            }
        }
        if (ports.size() < count) {
            throw new IllegalStateException("Only " + ports.size() + " of " + count + " free ports found");
        }
        return ports.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The first of {@code count} consecutive ports nothing listens on right now (instances use base + i), below the
     * kernel's ephemeral range: a port in that range can be taken at any moment as the local port of some process's
     * outgoing connection, so a stack could not start on it, and a test that checks its ports are free again after
     * {@code down} would fail for a connection that is not ours.
     */
    static int freePortRun(int count) {
        java.util.Random random = new java.util.Random();
        int below = Math.max(20_000 + count + 1_000, ephemeralLow());
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = 20_000 + random.nextInt(below - count - 20_000);
            boolean free = true;
            for (int port = base; port < base + count && free; port++) {
                free = ProcessSupervisor.isFree(port);
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("No run of " + count + " free ports found");
    }

    /** The low end of {@code net.ipv4.ip_local_port_range} (Linux), or IANA's 49152 where it cannot be read. */
    static int ephemeralLow() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            return Integer.parseInt(range.split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 49_152;
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
