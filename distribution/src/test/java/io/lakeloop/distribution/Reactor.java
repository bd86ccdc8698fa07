package io.lakeloop.distribution;

import java.nio.file.Path;
import java.util.Objects;

/** Where the reactor's outputs are: the repository root and the version being built (set by the module's pom). */
final class Reactor {

    static final String VERSION = Objects.requireNonNull(System.getProperty("lakeloop.version"), "lakeloop.version");
    static final Path ROOT = Path.of(Objects.requireNonNull(System.getProperty("lakeloop.root"), "lakeloop.root"));
    /** The project's public repository; {@code <SOURCE_URL>/blob/main/<path>} links to a file of it. */
    static final String SOURCE_URL = Objects.requireNonNull(System.getProperty("lakeloop.source.url"), "lakeloop.source.url");

    private Reactor() {
    }
}
