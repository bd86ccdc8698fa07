package io.lakeloop.cli;

import io.lakeloop.config.DurationConverter;
import io.lakeloop.event.RecordValues;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lakeloop deploy}: puts connector configurations ({@code config/*.json}, or the files given) on any Connect
 * cluster through its REST API, optionally pointing their AWS clients at other endpoints (docker-compose, MinIO, a VPC
 * endpoint), and waits until each runs. {@code --dry-run} prints what it would send, secrets masked; {@code --json}
 * prints one object ({@link DeployReport}) on stdout instead, also when the deployment fails.
 */
@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = {"Deploy Lakeloop's connectors to a Kafka Connect cluster through its REST API (create or "
                + "update), and wait until they run.",
                "Example: lakeloop deploy --connect-url http://connect:8083 --s3-endpoint http://minio:9000 "
                        + "--static-keys config/s3-upstream-sink.json"})
public final class DeployCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "Connector files (REST API format); default: every connector "
            + "in config/.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--connect-url", description = "Connect REST API (default: ${DEFAULT-VALUE}).")
    String connectUrl = "http://127.0.0.1:" + Ports.DEFAULT_CONNECT;

    @Option(names = "--s3-endpoint", description = "S3 endpoint of the S3 sinks (MinIO, s3proxy, a VPC endpoint); "
            + "path-style access is switched on. Default: as in the file.")
    String s3Endpoint;

    @Option(names = "--personalize-endpoint", description = "Personalize endpoint of the Personalize sinks (e.g. the "
            + "emulator). Default: as in the file.")
    String personalizeEndpoint;

    @Option(names = "--region", description = "aws.region of every connector. Default: as in the file.")
    String region;

    @Option(names = "--static-keys", description = "Static credentials from AWS_ACCESS_KEY_ID / "
            + "AWS_SECRET_ACCESS_KEY (for MinIO or the emulator; on AWS prefer the worker's role).")
    boolean staticKeys;

    @Option(names = "--dlq-replication-factor", description = "Replication factor of the dead-letter topics.")
    Integer dlqReplication;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Set a key on every connector (repeatable).")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--dry-run", description = "Print the configurations (secrets masked) instead of deploying.")
    boolean dryRun;

    @Option(names = "--json", description = "Print one JSON object on stdout: status (DEPLOYED, DRY_RUN, FAILED), "
            + "exitCode, connectUrl, connectors (name, state, tasks, config with secrets masked), error (FAILED only).")
    boolean json;

    @Option(names = "--timeout", defaultValue = "2m", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Longest wait for each connector to run: 90s, 5m, 1h or ISO-8601 PT2M "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Console console = LakeloopMain.console(spec);
        DeployReport report = new DeployReport(connectUrl, dryRun);
        try {
            deploy(console, report);
        } catch (StackException e) {
            if (!json) {
                throw e;
            }
            console.progress("lakeloop: %s", e.getMessage());
            report.failed(e.getMessage(), new ConnectorDeployer(connectUrl));
        }
        if (json) {
            console.result(RecordValues.JSON.valueToTree(report.json()).toString());
        }
        return report.exitCode();
    }

    private void deploy(Console console, DeployReport report) {
        ConnectorTarget target = new ConnectorTarget(s3Endpoint, personalizeEndpoint, region,
                staticKeys ? requireEnv("AWS_ACCESS_KEY_ID") : null,
                staticKeys ? requireEnv("AWS_SECRET_ACCESS_KEY") : null, null, dlqReplication, overrides);
        List<LocalConnectors.Connector> connectors = files.isEmpty()
                ? LocalConnectors.load(LakeloopHome.locate().configDir(), target)
                : LocalConnectors.load(files, target);
        if (connectors.isEmpty()) {
            throw new StackException("No connector configuration found (a JSON file with connector.class)");
        }
        connectors.forEach(c -> report.add(c.name(), masked(c.config())));
        if (dryRun) {
            if (!json) {
                for (LocalConnectors.Connector c : connectors) {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("name", c.name());
                    body.put("config", masked(c.config()));
                    console.result(RecordValues.JSON.valueToTree(body).toPrettyString());
                }
            }
            return;
        }
        ConnectorDeployer deployer = new ConnectorDeployer(connectUrl);
        for (LocalConnectors.Connector c : connectors) {
            deployer.deploy(c.name(), c.config(), timeout);
            console.progress("Deployed %s", c.name());
        }
        for (LocalConnectors.Connector c : connectors) {
            deployer.awaitRunning(c.name(), timeout);
            report.state(c.name(), deployer.status(c.name()));
            console.progress("  %s RUNNING", c.name());
        }
    }

    static Map<String, String> masked(Map<String, String> config) {
        Map<String, String> out = new LinkedHashMap<>(config);
        out.replaceAll((k, v) -> k.contains("secret") || k.contains("password") || k.contains("session.token")
                ? "********" : v);
        return out;
    }

    private static String requireEnv(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new StackException("--static-keys needs the environment variable " + name);
        }
        return value;
    }
}
