package io.lakeloop.streams.collator.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The collator as users run it: {@code java -jar target/streams-collator.jar <file.properties>} in its own JVM,
 * configured by the file and by {@code LAKELOOP_COLLATOR_*} environment variables, its output in a log file.
 */
final class CollatorProcess implements AutoCloseable {

    static final Path JAR = Path.of("target", "streams-collator.jar");

    final Process process;
    final Path log;
    final int httpPort;

    private CollatorProcess(Process process, Path log, int httpPort) {
        this.process = process;
        this.log = log;
        this.httpPort = httpPort;
    }

    /** Writes {@code fileProps} to a properties file in {@code dir} and starts the jar with {@code env} added. */
    static CollatorProcess start(Path dir, String name, Map<String, Object> fileProps, Map<String, String> env) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run the package phase first");
        }
        try {
            Path file = dir.resolve(name + ".properties");
            Properties props = new Properties();
            fileProps.forEach((k, v) -> props.setProperty(k, String.valueOf(v)));
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                props.store(w, "written by " + CollatorProcess.class.getSimpleName());
            }
            int port = freePort();
            Path log = Path.of("target", "it-" + name + ".log").toAbsolutePath();
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> cmd = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:+UseSerialGC", "-jar",
                    JAR.toAbsolutePath().toString(), file.toString()));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("LAKELOOP_COLLATOR_"));
            pb.environment().putAll(env);
            pb.environment().put("LAKELOOP_COLLATOR_HTTP_PORT", Integer.toString(port));
            pb.environment().put("LAKELOOP_COLLATOR_HTTP_HOST", "127.0.0.1");
            return new CollatorProcess(pb.start(), log, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** SIGKILL: no shutdown hook, no commit, an open transaction left behind. */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        return waitFor();
    }

    /** SIGTERM: the graceful path. */
    int terminate() throws InterruptedException {
        process.destroy();
        return waitFor();
    }

    int waitFor() throws InterruptedException {
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the collator process did not end within 120 s; log: " + log);
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
