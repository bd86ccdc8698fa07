package io.lakeloop.cli.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The faults of one demo run, in order. {@code all} is every scenario one after another, each a slot of its own (so
 * the run also has a fault-free baseline); in a list, {@code personalize-throttle} lasts the whole run, under the
 * others. A bare {@code --chaos} is {@value #DEFAULT}: throttling all along and a Connect worker killed mid-stream.
 *
 * @param steps              the faults injected one after another
 * @param throttleWholeRun   Personalize throttles 30 % of calls from the first record to the last acceptance
 */
public record ChaosPlan(List<Scenario> steps, boolean throttleWholeRun) {

    public static final String ALL = "all";
    public static final String DEFAULT = "personalize-throttle,kill-connect-worker";
    /**
     * Production while the services warm up (JIT, connections, first rebalances): figures of its own, no target.
     * 40 s: a cold local stack on 2 cores needs ~30 s at 2,000 events/s before Personalize keeps up (the six JVMs
     * compile for a third of the machine meanwhile; BENCHMARKS.md, "No-fault latency"), and the baseline slot that
     * follows is where the no-fault target is read.
     * The three lengths can be shortened with {@code -Dlakeloop.demo.warmUp}, {@code .baseline}, {@code .tail}
     * (ISO-8601; through {@code LAKELOOP_JAVA_OPTS}): the integration tests do, as they check reconciliation, not
     * figures.
     */
    public static final Duration WARM_UP = length("lakeloop.demo.warmUp", Duration.ofSeconds(40));
    /** Fault-free production after the warm-up and before the first fault: the run's baseline. */
    public static final Duration BASELINE = length("lakeloop.demo.baseline", Duration.ofSeconds(20));
    /** Production after the last fault has drained. */
    public static final Duration TAIL = length("lakeloop.demo.tail", Duration.ofSeconds(10));

    public ChaosPlan {
        steps = List.copyOf(steps);
        if (steps.isEmpty() && !throttleWholeRun) {
            throw new IllegalArgumentException("A chaos plan needs at least one scenario");
        }
    }

    /** Parses {@code --chaos}: empty means {@value #DEFAULT}; else {@code all} or scenario names, comma-separated. */
    public static ChaosPlan parse(String text) {
        String spec = text == null || text.isBlank() ? DEFAULT : text.trim();
        if (spec.equalsIgnoreCase(ALL)) {
            return new ChaosPlan(List.of(Scenario.values()), false);
        }
        List<Scenario> steps = new ArrayList<>();
        boolean throttle = false;
        for (String name : spec.split(",")) {
            Scenario scenario = Scenario.byName(name).orElseThrow(() -> new IllegalArgumentException(
                    "Unknown --chaos scenario '" + name.trim() + "'; known: " + ALL + ", " + names()));
            if (steps.contains(scenario) || scenario == Scenario.PERSONALIZE_THROTTLE && throttle) {
                throw new IllegalArgumentException("--chaos names " + scenario.wireName() + " twice");
            }
            if (scenario == Scenario.PERSONALIZE_THROTTLE) {
                throttle = true;
            } else {
                steps.add(scenario);
            }
        }
        return new ChaosPlan(steps, throttle);
    }

    public static String names() {
        return Arrays.stream(Scenario.values()).map(Scenario::wireName).collect(Collectors.joining(", "));
    }

    public int workers() {
        return steps.stream().mapToInt(Scenario::workers).max().orElse(1);
    }

    public int collators() {
        return steps.stream().mapToInt(Scenario::collators).max().orElse(1);
    }

    /** How long the demo plans to produce: warm-up, baseline, every slot, tail. */
    public Duration plannedLength() {
        Duration total = WARM_UP.plus(BASELINE).plus(TAIL);
        for (Scenario step : steps) {
            total = total.plus(step.plannedSlot());
        }
        return steps.isEmpty() ? total.plus(Scenario.PERSONALIZE_THROTTLE.plannedSlot()) : total;
    }

    /**
     * The most a run with these faults can last: every wait of the timeline at its limit (each fault's own actions,
     * up to {@link #LONGEST_ACTION}, then the drain it is given). The live stream is generated to cover it, so the
     * producer never runs out before the last fault: production stops when the timeline ends, not before.
     */
    public Duration longestLength() {
        Duration total = WARM_UP.plus(BASELINE).plus(TAIL);
        for (Scenario step : steps) {
            total = total.plus(LONGEST_ACTION).plus(step.faultLength()).plus(LoadRun.SETTLE);
        }
        return steps.isEmpty() ? plannedLength() : total;
    }

    /** The longest one fault's actions take (two 120 s waits for Connect tasks and a 5 min restart, rounded up). */
    static final Duration LONGEST_ACTION = Duration.ofMinutes(10);

    /** The scenario names as given back in the report. */
    public List<String> names(boolean withBackground) {
        List<String> names = new ArrayList<>();
        if (throttleWholeRun && withBackground) {
            names.add(Scenario.PERSONALIZE_THROTTLE.wireName() + " (whole run)");
        }
        steps.forEach(s -> names.add(s.wireName()));
        return names;
    }

    @Override
    public String toString() {
        return String.join(", ", names(true));
    }

    /** A length from a system property (ISO-8601, at least 1 s), else {@code standard}. */
    static Duration length(String property, Duration standard) {
        String text = System.getProperty(property);
        if (text == null || text.isBlank()) {
            return standard;
        }
        Duration value;
        try {
            value = Duration.parse(text.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(property + " must be an ISO-8601 duration such as PT5S, not '" + text
                    + "'", e);
        }
        if (value.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException(property + " must be at least 1 s, not " + text);
        }
        return value;
    }

    static ChaosPlan of(Scenario... steps) {
        return new ChaosPlan(List.of(Objects.requireNonNull(steps)), false);
    }
}
