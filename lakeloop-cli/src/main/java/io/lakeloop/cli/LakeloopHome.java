package io.lakeloop.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The repository checkout the CLI runs from, and the build outputs in it that the local stack starts: the CLI's
 * {@code target/lib} (Kafka's own jars), s3proxy, the emulator, collator and exporter jars, the plugin zips and
 * {@code config/}. Found from the system property {@code lakeloop.home} (set by the {@code lakeloop} script), else by
 * walking up from the CLI's jar to the folder holding {@code mvnw}.
 */
public final class LakeloopHome {

    public static final String HOME_PROPERTY = "lakeloop.home";

    private final Path root;

    public LakeloopHome(Path root) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    }

    public static LakeloopHome locate() {
        String property = System.getProperty(HOME_PROPERTY);
        if (property != null && !property.isBlank()) {
            return new LakeloopHome(Path.of(property));
        }
        Path start = codeLocation();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("lakeloop-cli"))) {
                return new LakeloopHome(dir);
            }
        }
        throw new IllegalStateException("Cannot find the Lakeloop checkout above " + start
                + "; run the ./lakeloop script or set -D" + HOME_PROPERTY + "=<repository root>");
    }

    private static Path codeLocation() {
        try {
            return Path.of(LakeloopHome.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of("").toAbsolutePath();
        }
    }

    public Path root() {
        return root;
    }

    public Path configDir() {
        return root.resolve("config");
    }

    /** Kafka's jars (broker, tools, Connect runtime, log4j) as the build resolved them. */
    public Path kafkaLib() {
        return require(root.resolve("lakeloop-cli/target/lib"), "the CLI's lib folder");
    }

    public Path s3proxyJar() {
        return require(root.resolve("lakeloop-cli/target/s3proxy/s3proxy.jar"), "the s3proxy jar");
    }

    public Path emulatorJar() {
        return require(root.resolve("personalize-emulator/target/personalize-emulator.jar"), "the emulator jar");
    }

    public Path collatorJar() {
        return require(root.resolve("streams-collator/target/streams-collator.jar"), "the collator jar");
    }

    public Path exporterJar() {
        return require(root.resolve("csv-exporter/target/csv-exporter.jar"), "the exporter jar");
    }

    public boolean has(Path path) {
        return Files.exists(path);
    }

    /** The Connect plugin zips the build made ({@code connect-* /target/lakeloop-connect-*.zip}). */
    public List<Path> pluginZips() {
        try (Stream<Path> modules = Files.list(root)) {
            return modules.filter(p -> p.getFileName().toString().startsWith("connect-"))
                    .map(p -> p.resolve("target"))
                    .filter(Files::isDirectory)
                    .flatMap(LakeloopHome::zipsIn)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list the modules in " + root, e);
        }
    }

    private static Stream<Path> zipsIn(Path target) {
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> {
                String name = f.getFileName().toString();
                return name.startsWith("lakeloop-connect-") && name.endsWith(".zip");
            }).toList().stream();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list " + target, e);
        }
    }

    private Path require(Path path, String what) {
        if (!Files.exists(path)) {
            throw new IllegalStateException("Missing " + what + " at " + root.relativize(path)
                    + ": build first with ./mvnw -B -DskipTests package (the ./lakeloop script does it for you)");
        }
        return path;
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
