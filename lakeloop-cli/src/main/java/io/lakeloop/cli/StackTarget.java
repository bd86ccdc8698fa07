package io.lakeloop.cli;

/** Which stack {@code lakeloop demo} runs against. */
public enum StackTarget {
    /** The local stack of processes: started by the demo, or the one {@code lakeloop up} runs from the data folder. */
    LOCAL,
    /**
     * An already running stack that the CLI did not start, such as {@code docker-compose.yml}'s, at the stack's
     * ports on 127.0.0.1: the demo only uses its endpoints and never starts, restarts or stops a service.
     */
    COMPOSE
}
