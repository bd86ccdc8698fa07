package io.lakeloop.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every stack command shares: the data folder and the ports, with their documented defaults. */
public final class StackOptions {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data folder of the stack: topics, buckets, state, logs, pid files "
                    + "(default: $LAKELOOP_DATA_DIR, else .lakeloop/ in the repository).")
    Path dataDir;

    @Option(names = "--kafka-port", description = "Kafka bootstrap port (default: ${DEFAULT-VALUE}).")
    int kafkaPort = Ports.DEFAULT_KAFKA;

    @Option(names = "--controller-port", description = "KRaft controller port (default: ${DEFAULT-VALUE}).")
    int controllerPort = Ports.DEFAULT_CONTROLLER;

    @Option(names = "--connect-port", description = "Kafka Connect REST port (default: ${DEFAULT-VALUE}).")
    int connectPort = Ports.DEFAULT_CONNECT;

    @Option(names = "--s3-port", description = "S3 endpoint port (default: ${DEFAULT-VALUE}).")
    int s3Port = Ports.DEFAULT_S3;

    @Option(names = "--emulator-port", description = "Personalize emulator port (default: ${DEFAULT-VALUE}).")
    int emulatorPort = Ports.DEFAULT_EMULATOR;

    @Option(names = "--collator-port", description = "Collator health/metrics port (default: ${DEFAULT-VALUE}).")
    int collatorPort = Ports.DEFAULT_COLLATOR;

    public StackSettings settings() {
        LakeloopHome home = LakeloopHome.locate();
        Path data = dataDir;
        if (data == null) {
            String env = System.getenv("LAKELOOP_DATA_DIR");
            data = env != null && !env.isBlank() ? Path.of(env) : home.root().resolve(".lakeloop");
        }
        Ports ports = new Ports(kafkaPort, controllerPort, connectPort, s3Port, emulatorPort, collatorPort);
        return new StackSettings(home, data, ports, StackSettings.S3Credentials.local());
    }
}
