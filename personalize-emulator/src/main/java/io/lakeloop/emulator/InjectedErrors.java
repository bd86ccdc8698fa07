package io.lakeloop.emulator;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Errors answered on demand, one rule after the other: each rule answers its error (any status and error type,
 * e.g. a {@link CommonError}) to the next {@code calls} authenticated API calls, or to every call until cleared.
 * Answered like the service answers them and recording nothing, so the client under test meets exactly the error
 * it must classify. Thread-safe.
 */
public final class InjectedErrors {

    /** Until {@link #clear()}: the rule never runs out. */
    public static final int UNTIL_CLEARED = -1;

    private static final Logger LOG = LoggerFactory.getLogger(InjectedErrors.class);

    /** One error to answer; {@code calls} is how many calls it answers, or {@link #UNTIL_CLEARED}. */
    public record Rule(int status, String errorType, String message, int calls) {
        public Rule {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("status must be an error status (400..599): " + status);
            }
            Objects.requireNonNull(errorType, "errorType");
            Objects.requireNonNull(message, "message");
            if (errorType.isBlank()) {
                throw new IllegalArgumentException("errorType must not be blank");
            }
            if (calls < 1 && calls != UNTIL_CLEARED) {
                throw new IllegalArgumentException("calls must be at least 1, or -1 for until cleared: " + calls);
            }
        }

        public static Rule of(CommonError error, int calls) {
            return new Rule(error.status(), error.errorType(), error.message(), calls);
        }
    }

    private final ArrayDeque<Rule> rules = new ArrayDeque<>();

    /** Answers {@code error} to the next {@code calls} calls (after the rules already queued). */
    public void inject(CommonError error, int calls) {
        add(Rule.of(error, calls));
    }

    /** Answers {@code error} to every call until {@link #clear()} (after the rules already queued). */
    public void injectUntilCleared(CommonError error) {
        add(Rule.of(error, UNTIL_CLEARED));
    }

    public synchronized void add(Rule rule) {
        rules.addLast(Objects.requireNonNull(rule, "rule"));
        LOG.info("Injecting {} {} to {} call(s)", rule.status(), rule.errorType(),
                rule.calls() == UNTIL_CLEARED ? "every" : rule.calls());
    }

    public synchronized void clear() {
        rules.clear();
    }

    /** The rules still to answer, first one first. */
    public synchronized List<Rule> pending() {
        return List.copyOf(rules);
    }

    /** The error for this call, if a rule is left; uses up one call of it. */
    synchronized Optional<ApiException> next() {
        Rule rule = rules.peekFirst();
        if (rule == null) {
            return Optional.empty();
        }
        if (rule.calls() != UNTIL_CLEARED) {
            rules.pollFirst();
            if (rule.calls() > 1) {
                rules.addFirst(new Rule(rule.status(), rule.errorType(), rule.message(), rule.calls() - 1));
            }
        }
        return Optional.of(new ApiException(rule.status(), rule.errorType(), rule.message()));
    }
}
