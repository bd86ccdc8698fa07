package io.lakeloop.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs one of Lakeloop's runnable jars in the foreground (the {@code export}, {@code collate} and {@code emulator}
 * commands): same terminal, same exit code; Ctrl-C / SIGTERM of the CLI stops the tool too.
 */
final class ToolRunner {

    private ToolRunner() {
    }

    static int run(String name, Path jar, String maxHeap, List<String> args, Map<String, String> environment) {
        List<String> command = new ArrayList<>(List.of(JavaCommand.javaExecutable(), "-Xmx" + maxHeap,
                "-Dsun.net.httpserver.nodelay=true", "-jar", jar.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new StackException("Cannot start " + name + ": " + e.getMessage(), e);
        }
        Thread hook = new Thread(() -> {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "lakeloop-" + name + "-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
            return 130;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs
            }
        }
    }
}
