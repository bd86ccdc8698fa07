package io.lakeloop.cli;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything the local stack needs to know: where the build lives ({@link LakeloopHome}), where its data goes and
 * which ports it uses. The data folder holds {@code kafka/}, {@code s3/}, {@code connect/}, {@code collator/},
 * {@code emulator/} (the services' state, kept across restarts), {@code conf/} (generated configs), {@code logs/}
 * and {@code run/} (pid files).
 */
public record StackSettings(LakeloopHome home, Path dataDir, Ports ports, S3Credentials s3) {

    /** The access key pair of the local S3 endpoint (s3proxy), and the region every local client signs for. */
    public record S3Credentials(String accessKey, String secretKey, String region) {
        public static S3Credentials local() {
            return new S3Credentials("lakeloop", "lakeloop-secret", "us-east-1");
        }
    }

    public StackSettings {
        Objects.requireNonNull(home, "home");
        dataDir = Objects.requireNonNull(dataDir, "dataDir").toAbsolutePath().normalize();
        Objects.requireNonNull(ports, "ports");
        Objects.requireNonNull(s3, "s3");
    }

    public Path runDir() {
        return dataDir.resolve("run");
    }

    public Path logsDir() {
        return dataDir.resolve("logs");
    }

    public Path confDir() {
        return dataDir.resolve("conf");
    }

    public Path serviceDir(String service) {
        return dataDir.resolve(service);
    }

    public String host() {
        return "127.0.0.1";
    }

    public String kafkaBootstrap() {
        return host() + ":" + ports.kafka();
    }

    public String connectUrl() {
        return "http://" + host() + ":" + ports.connect();
    }

    public String s3Endpoint() {
        return "http://" + host() + ":" + ports.s3();
    }

    public String emulatorUrl() {
        return "http://" + host() + ":" + ports.emulator();
    }

    public String collatorUrl() {
        return "http://" + host() + ":" + ports.collator();
    }
}
