package io.lakeloop.cli;

import java.util.ArrayList;
import java.util.List;

/** What {@code up} prints on stdout: every address a user connects to, with the local credentials. */
final class StackDescription {

    private StackDescription() {
    }

    /** The lines {@code up} prints: what a user connects to. */
    static List<String> lines(LocalStack stack) {
        StackSettings settings = stack.settings();
        List<String> lines = new ArrayList<>();
        lines.add("Kafka bootstrap:        " + settings.kafkaBootstrap());
        lines.add("Connect REST:           " + String.join(", ", stack.shape().connectNames().stream()
                .map(name -> StackShape.endpoint(settings, name)).toList())
                + (stack.shape().connectWorkers() > 1 ? "  (" + stack.shape().connectWorkers()
                + " workers, one group)" : ""));
        lines.add("S3 endpoint:            " + settings.s3Endpoint() + "  (access key " + settings.s3().accessKey()
                + ", secret " + settings.s3().secretKey() + ", region " + settings.s3().region()
                + ", path-style; buckets " + String.join(", ", S3ProxyProcess.BUCKETS) + ")");
        lines.add("Personalize (emulator): " + (stack.isRunning(EmulatorProcess.NAME) ? settings.emulatorUrl()
                + "  (stats: " + settings.emulatorUrl() + "/_emulator/stats)" : "not running"));
        lines.add("Collator health:        " + (stack.isRunning(CollatorProcess.NAME)
                ? String.join(", ", stack.shape().collatorNames().stream()
                        .map(name -> StackShape.endpoint(settings, name) + "/health").toList())
                : "not running"));
        lines.add("Topics:                 " + String.join(", ", Topics.ALL.keySet().stream().sorted().toList()));
        List<String> connectors = stack.deployedConnectors();
        lines.add("Connectors:             " + (connectors.isEmpty() ? "none" : String.join(", ", connectors)));
        lines.add("Data folder:            " + settings.dataDir() + "  (logs in " + settings.logsDir() + ")");
        return lines;
    }
}
