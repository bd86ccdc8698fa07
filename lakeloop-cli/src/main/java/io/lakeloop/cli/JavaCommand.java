package io.lakeloop.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Builds the command line of a Java service: the running JVM's {@code java}, a small heap and the service marker. */
public final class JavaCommand {

    private final List<String> args = new ArrayList<>();

    private JavaCommand(String service, String maxHeap, Path dataDir) {
        args.add(javaExecutable());
        args.add(ServiceSpec.marker(Objects.requireNonNull(service, "service")));
        args.add("-Dlakeloop.data=" + dataDir);
        args.add("-Xms64m");
        args.add("-Xmx" + maxHeap);
        args.add("-XX:+UseSerialGC");
        args.add("-Djava.awt.headless=true");
    }

    public static JavaCommand service(String service, String maxHeap, Path dataDir) {
        return new JavaCommand(service, maxHeap, dataDir);
    }

    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public JavaCommand property(String key, Object value) {
        args.add("-D" + key + "=" + value);
        return this;
    }

    public JavaCommand classpath(Path lib, String mainClass) {
        args.add("-cp");
        args.add(lib.resolve("*").toString());
        args.add(mainClass);
        return this;
    }

    public JavaCommand jar(Path jar) {
        args.add("-jar");
        args.add(jar.toString());
        return this;
    }

    public JavaCommand arg(Object... values) {
        for (Object value : values) {
            args.add(String.valueOf(value));
        }
        return this;
    }

    public List<String> build() {
        return List.copyOf(args);
    }
}
