package io.lakeloop.cli;

import io.lakeloop.cli.chaos.ChaosPlan;
import io.lakeloop.cli.demo.ClickstreamGenerator;
import io.lakeloop.config.DurationConverter;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options of {@code lakeloop demo}. */
public final class DemoOptions {

    static final int DEFAULT_EVENTS = 2000;
    static final double DEFAULT_CHAOS_RATE = 2000;

    @Option(names = "--events", description = "Events to produce (default: " + DEFAULT_EVENTS + ": enough for "
            + "Personalize to train, i.e. at least 1,000 interactions and 25 users with 2 or more). With --rate or "
            + "--chaos and no --rate: spread over the run at a steady rate.")
    Integer events;

    @Option(names = "--seed", description = "Seed of the clickstream generator (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--json", description = "Print the reconciliation as one JSON object on stdout "
            + "(everything else goes to stderr).")
    boolean json;

    @Option(names = "--chaos", arity = "0..1", paramLabel = "SCENARIO[,SCENARIO...]", fallbackValue = "",
            description = {"Inject faults while the producer keeps producing at a steady rate; every number must "
                    + "still reconcile, and the figures (latency, recovery, duplicates, objects written twice, lag, "
                    + "Personalize calls) come per fault. Scenarios: kill-connect-worker, kill-collator, s3-outage, "
                    + "personalize-outage, personalize-throttle, broker-restart, or all (one after another). "
                    + "Bare --chaos: " + ChaosPlan.DEFAULT + "."})
    String chaos;

    @Option(names = "--rate", paramLabel = "EVENTS_PER_SECOND", description = "Produce a live clickstream at this "
            + "steady rate instead of all at once (default with --chaos: " + (int) DEFAULT_CHAOS_RATE
            + ", or --events spread over the run).")
    Double rate;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to produce at --rate: 90s, 10m, 1h or ISO-8601 PT90S (default: what the --chaos "
                    + "scenarios need, else --events / --rate).")
    Duration duration;

    @Option(names = "--timeout", defaultValue = "5m", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Longest wait for the events to flow through after production: 90s, 10m, 1h or ISO-8601 "
                    + "PT5M (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--target", description = "local (default): start the local stack, or use the one `lakeloop up` "
            + "runs; compose: use an already running docker-compose.yml stack at the stack's ports "
            + "(--kafka-port …), without starting or stopping anything.", converter = StackTargetConverter.class)
    StackTarget target = StackTarget.LOCAL;

    @Option(names = "--keep-running", description = "Leave the stack running after the demo (stop it with "
            + "lakeloop down).")
    boolean keepRunning;

    /** Fails with a message naming the option when a value cannot work. */
    void validate() {
        if (events != null && events < ClickstreamGenerator.Settings.MIN_EVENTS) {
            throw new IllegalArgumentException("--events must be at least " + ClickstreamGenerator.Settings.MIN_EVENTS
                    + " (one broken event of each kind and a few good ones), not " + events);
        }
        if (rate != null && !(rate > 0)) {
            throw new IllegalArgumentException("--rate must be above 0 events/s, not " + rate);
        }
        if (duration != null && (duration.isNegative() || duration.toMillis() < 1000)) {
            throw new IllegalArgumentException("--duration must be at least 1 s, not " + duration);
        }
        if (events != null && rate != null && duration != null) {
            throw new IllegalArgumentException("--events, --rate and --duration: give two of them, not all three");
        }
        chaosPlan();
    }

    /** The faults to inject, or null without --chaos. */
    ChaosPlan chaosPlan() {
        return chaos == null ? null : ChaosPlan.parse(chaos);
    }

    /** True when the stream is produced at a steady rate (with faults, or --rate / --duration). */
    boolean paced() {
        return chaos != null || rate != null || duration != null;
    }

    /** How long a paced run produces. */
    Duration productionLength() {
        if (duration != null) {
            return duration;
        }
        ChaosPlan plan = chaosPlan();
        if (plan != null) {
            return plan.plannedLength();
        }
        double perSecond = rate != null ? rate : DEFAULT_CHAOS_RATE;
        int total = events != null ? events : DEFAULT_EVENTS;
        return Duration.ofMillis(Math.max(1000, Math.round(total * 1000 / perSecond)));
    }

    /** Events to generate: --events, else (paced) rate × length. */
    int events() {
        if (events != null) {
            return events;
        }
        if (!paced()) {
            return DEFAULT_EVENTS;
        }
        double perSecond = rate != null ? rate : DEFAULT_CHAOS_RATE;
        return (int) Math.max(DEFAULT_EVENTS, Math.round(perSecond * productionLength().toMillis() / 1000.0));
    }

    /** The offered rate of a paced run. */
    double offeredRate() {
        return events() * 1000.0 / productionLength().toMillis();
    }
}
