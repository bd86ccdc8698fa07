package io.lakeloop.cli.chaos;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The faults {@code lakeloop demo --chaos} injects while the producer keeps producing. Each needs a stack of a
 * certain size, lasts a certain time, and has a planned length (fault plus the time the pipeline gets to drain the
 * backlog before the next one) from which the demo sizes the stream it generates.
 */
public enum Scenario {
    KILL_CONNECT_WORKER("kill-connect-worker", 3, 1, Duration.ZERO, Duration.ofSeconds(75),
            "SIGKILL one of the Connect workers (the one running most tasks); its tasks move to the survivors, then it "
                    + "is started again"),
    KILL_COLLATOR("kill-collator", 1, 2, Duration.ZERO, Duration.ofSeconds(60),
            "SIGKILL one of the collator instances; its partitions move to the survivors, then it is started again"),
    S3_OUTAGE("s3-outage", 1, 1, Duration.ofSeconds(20), Duration.ofSeconds(60),
            "the S3 endpoint is down for 20 s (s3proxy killed, then started again on its data)"),
    PERSONALIZE_OUTAGE("personalize-outage", 1, 1, Duration.ofSeconds(30), Duration.ofSeconds(75),
            "Personalize refuses every connection for 30 s (the emulator stops listening)"),
    PERSONALIZE_THROTTLE("personalize-throttle", 1, 1, Duration.ofSeconds(40), Duration.ofSeconds(60),
            "Personalize answers 30 % of calls with 429 ThrottlingException (the whole run, or 40 s within `all`)"),
    BROKER_RESTART("broker-restart", 1, 1, Duration.ZERO, Duration.ofSeconds(60),
            "SIGTERM the Kafka broker and start it again on its data");

    /** Share of calls {@link #PERSONALIZE_THROTTLE} answers with 429. */
    public static final double THROTTLE_RATIO = 0.3;

    private final String wireName;
    private final int workers;
    private final int collators;
    private final Duration faultLength;
    private final Duration plannedSlot;
    private final String description;

    Scenario(String wireName, int workers, int collators, Duration faultLength, Duration plannedSlot,
             String description) {
        this.wireName = wireName;
        this.workers = workers;
        this.collators = collators;
        this.faultLength = faultLength;
        this.plannedSlot = plannedSlot;
        this.description = description;
    }

    public String wireName() {
        return wireName;
    }

    /** Connect workers the scenario needs (killing one of one would only show a restart, not a rebalance). */
    public int workers() {
        return workers;
    }

    public int collators() {
        return collators;
    }

    /** How long the fault itself lasts (zero for a crash: its effects last until the pipeline recovered). */
    public Duration faultLength() {
        return faultLength;
    }

    /** The slot the demo plans for the fault and the drain after it (the stream is generated to cover it). */
    public Duration plannedSlot() {
        return plannedSlot;
    }

    public String description() {
        return description;
    }

    public static Optional<Scenario> byName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.wireName.equals(wanted)).findFirst();
    }
}
