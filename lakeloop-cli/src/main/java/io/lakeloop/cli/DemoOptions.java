package io.lakeloop.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** The options of {@code lakeloop demo}. */
public final class DemoOptions {

    @Option(names = "--events", description = "Events to produce (default: ${DEFAULT-VALUE}: enough for Personalize "
            + "to train, i.e. at least 1,000 interactions and 25 users with 2 or more).")
    int events = 2000;

    @Option(names = "--seed", description = "Seed of the clickstream generator (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--json", description = "Print the reconciliation as one JSON object on stdout "
            + "(everything else goes to stderr).")
    boolean json;

    @Option(names = "--chaos", description = "Inject faults while the demo runs: the emulator throttles (429) and "
            + "fails (5xx) a share of calls, and the Connect worker is killed and restarted mid-run. "
            + "The numbers must still reconcile.")
    boolean chaos;

    @Option(names = "--timeout", description = "Longest wait for the events to flow through, ISO-8601 duration "
            + "(default: ${DEFAULT-VALUE}).")
    Duration timeout = Duration.ofMinutes(5);

    @Option(names = "--target", description = "local (default): start the local stack, or use the one `lakeloop up` "
            + "runs; compose: use an already running docker-compose.yml stack at the stack's ports "
            + "(--kafka-port …), without starting or stopping anything.", converter = StackTargetConverter.class)
    StackTarget target = StackTarget.LOCAL;

    @Option(names = "--keep-running", description = "Leave the stack running after the demo (stop it with "
            + "lakeloop down).")
    boolean keepRunning;
}
