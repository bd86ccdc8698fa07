package io.lakeloop.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One process of the local stack: its name (used for the pid file {@code run/<name>.pid}, the log
 * {@code logs/<name>.log} and messages), its command line, and how to tell that it is ready.
 */
public record ServiceSpec(String name, List<String> command, Path workingDir, Map<String, String> environment,
                          Readiness readiness, Duration startTimeout, String endpoint) {

    public ServiceSpec {
        Objects.requireNonNull(name, "name");
        command = List.copyOf(command);
        Objects.requireNonNull(workingDir, "workingDir");
        environment = Map.copyOf(environment);
        Objects.requireNonNull(readiness, "readiness");
        Objects.requireNonNull(startTimeout, "startTimeout");
        Objects.requireNonNull(endpoint, "endpoint");
    }

    /** The marker every service's command line carries, so that {@code down} never signals a recycled pid. */
    public static String marker(String name) {
        return "-Dlakeloop.service=" + name;
    }
}
