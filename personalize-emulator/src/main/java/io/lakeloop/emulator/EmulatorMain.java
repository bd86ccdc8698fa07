package io.lakeloop.emulator;

import io.lakeloop.BuildVersionProvider;
import io.lakeloop.emulator.FaultSettings.LatencyDistribution;
import io.lakeloop.emulator.FaultSettings.OutageMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the emulator until SIGTERM / Ctrl-C: {@code java -jar personalize-emulator.jar --port 8080}. */
@Command(name = "personalize-emulator", mixinStandardHelpOptions = true, versionProvider = BuildVersionProvider.class,
        description = "A local Amazon Personalize Events endpoint: validates like the service, records what it "
                + "accepts (GET /_emulator/events ...), enforces quotas and injects faults (POST /_emulator/faults).")
public final class EmulatorMain implements Callable<Integer> {

    static {
        if (System.getProperty("log4j2.configurationFile") == null
                && System.getProperty("log4j.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "io/lakeloop/emulator/log4j2-emulator.xml");
        }
    }

    @Option(names = "--host", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host = "127.0.0.1";
    @Option(names = "--port", description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port = 8080;
    @Option(names = "--threads", description = "Calls served at once (default: ${DEFAULT-VALUE}).")
    int threads = 64;
    @Option(names = "--journal", paramLabel = "FILE", description = "Append every accepted record to FILE (JSON lines).")
    Path journal;
    @Option(names = "--tracking-id", paramLabel = "ID", description = "Known tracking id (repeatable); "
            + "when any is given, others get 404 ResourceNotFoundException.")
    List<String> trackingIds = new ArrayList<>();
    @Option(names = "--dataset-arn", paramLabel = "ARN", description = "Known dataset ARN (repeatable); "
            + "when any is given, others get 404 ResourceNotFoundException.")
    List<String> datasetArns = new ArrayList<>();
    @Option(names = "--events-rps", description = "PutEvents quota per tracking id, requests/s; 0 = off.")
    Double eventsRps;
    @Option(names = "--items-rps", description = "PutItems quota per dataset, requests/s; 0 = off.")
    Double itemsRps;
    @Option(names = "--users-rps", description = "PutUsers quota per dataset, requests/s; 0 = off.")
    Double usersRps;
    @Option(names = "--actions-rps", description = "PutActions quota per dataset, requests/s; 0 = off.")
    Double actionsRps;
    @Option(names = "--action-interactions-rps", description = "PutActionInteractions quota, requests/s; 0 = off.")
    Double actionInteractionsRps;
    @Option(names = "--access-key", description = "Accept only this access key id.")
    String accessKey;
    @Option(names = "--secret-key", description = "With --access-key: verify every SigV4 signature.")
    String secretKey;
    @Option(names = "--max-records", description = "Records kept in memory per operation (default: ${DEFAULT-VALUE}).")
    int maxRecords = 1_000_000;
    @Option(names = "--max-record-mb", description = "Memory the records of one operation may hold, MiB "
            + "(default: ${DEFAULT-VALUE}); the oldest are dropped beyond it.")
    long maxRecordMb = 128;
    @Option(names = "--throttle-ratio", description = "Share of calls answered 429 ThrottlingException (0..1).")
    double throttleRatio;
    @Option(names = "--error-ratio", description = "Share of calls answered 500/503 (0..1).")
    double errorRatio;
    @Option(names = "--latency-ms", description = "Latency added to every call.")
    long latencyMs;
    @Option(names = "--latency-jitter-ms", description = "Spread of the added latency.")
    long latencyJitterMs;
    @Option(names = "--latency-distribution", description = "UNIFORM or NORMAL (default: ${DEFAULT-VALUE}).")
    LatencyDistribution latencyDistribution = LatencyDistribution.UNIFORM;
    @Option(names = "--outage-seconds", description = "Start with an outage of this many seconds.")
    long outageSeconds;
    @Option(names = "--outage-mode", description = "refuse (stop listening) or 503 (default: ${DEFAULT-VALUE}).",
            converter = OutageModeConverter.class)
    OutageMode outageMode = OutageMode.REFUSE;
    @Option(names = "--seed", description = "Seed of the fault dice.")
    Long seed;

    public static void main(String[] args) {
        System.exit(new CommandLine(new EmulatorMain()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        if (secretKey != null && accessKey == null) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--secret-key needs --access-key");
        }
        PersonalizeEmulator emulator = configure(PersonalizeEmulator.builder()).build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "personalize-emulator-shutdown"));
        emulator.start();
        System.out.println("Personalize emulator listening on " + emulator.endpoint());
        System.out.flush();
        stopped.await();
        return 0;
    }

    PersonalizeEmulator.Builder configure(PersonalizeEmulator.Builder builder) {
        builder.host(host).port(port).threads(threads).maxRecordsPerOperation(maxRecords)
                .maxBytesPerOperation(maxRecordMb * 1024 * 1024).journal(journal);
        trackingIds.forEach(builder::trackingId);
        datasetArns.forEach(builder::datasetArn);
        rate(builder, Operation.PUT_EVENTS, eventsRps);
        rate(builder, Operation.PUT_ITEMS, itemsRps);
        rate(builder, Operation.PUT_USERS, usersRps);
        rate(builder, Operation.PUT_ACTIONS, actionsRps);
        rate(builder, Operation.PUT_ACTION_INTERACTIONS, actionInteractionsRps);
        if (secretKey != null) {
            builder.credentials(accessKey, secretKey);
        } else if (accessKey != null) {
            builder.accessKeyId(accessKey);
        }
        if (seed != null) {
            builder.seed(seed);
        }
        return builder.faults(new FaultSettings(throttleRatio, errorRatio, latencyMs, latencyJitterMs,
                latencyDistribution, outageSeconds, outageMode));
    }

    /** Reads {@code refuse} or {@code 503}. */
    static final class OutageModeConverter implements CommandLine.ITypeConverter<OutageMode> {
        @Override
        public OutageMode convert(String value) {
            return OutageMode.parse(value);
        }
    }

    private static void rate(PersonalizeEmulator.Builder builder, Operation operation, Double rate) {
        if (rate != null) {
            builder.requestsPerSecond(operation, rate);
        }
    }
}
