package io.lakeloop.cli;

import picocli.CommandLine.Option;

/**
 * How many Connect workers and collator instances the local stack runs ({@code up}, {@code demo}). Left out, {@code up}
 * runs one of each and {@code demo} as many as its fault scenarios need (one of each without faults).
 */
public final class ScaleOptions {

    @Option(names = "--connect-workers", paramLabel = "N", description = "Kafka Connect worker processes, one "
            + "distributed group (default: 1, or what the --chaos scenarios need). Worker i > 1 listens on "
            + "--connect-port + i - 1.")
    Integer connectWorkers;

    @Option(names = "--collator-instances", paramLabel = "M", description = "Collator processes sharing one "
            + "application.id (default: 1, or what the --chaos scenarios need). Instance i > 1 listens on "
            + "--collator-port + i - 1.")
    Integer collatorInstances;

    /** The shape asked for, at least {@code minWorkers} / {@code minCollators} where the option was left out. */
    public StackShape shape(int minWorkers, int minCollators) {
        return new StackShape(connectWorkers != null ? connectWorkers : Math.max(1, minWorkers),
                collatorInstances != null ? collatorInstances : Math.max(1, minCollators));
    }

    public StackShape shape() {
        return shape(1, 1);
    }
}
