package io.lakeloop.terminal;

import java.io.Console;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Whether standard error is a terminal, for the tools that draw progress there (a bar redrawn in place on a
 * terminal, plain lines in a log or a pipe). {@code System.console()} alone answers for stdin and stdout, not stderr,
 * and on JDK 22+ is not null even when both are redirected; so this asks about file descriptor 2 itself, without native
 * code: on Linux {@code /proc/self/fd/2} links to {@code /dev/pts/N} or {@code /dev/tty*} exactly when it is a
 * terminal. Where that cannot be told (no {@code /proc}: macOS, Windows), it falls back to the console: present and,
 * on JDK 22+, {@code Console.isTerminal()}. {@code TERM=dumb} always means no terminal.
 */
public final class Terminal {

    /** What one way of looking says about stderr: a terminal, not one, or empty when it cannot tell. */
    @FunctionalInterface
    public interface Probe {
        Optional<Boolean> stderrIsTerminal();
    }

    private static final Path STDERR_LINK = Path.of("/proc/self/fd/2");

    private Terminal() {
    }

    /** True when this process's stderr is a terminal (see the class comment), for {@code env} of this process. */
    public static boolean stderrIsTerminal(Map<String, String> env) {
        return decide(env, fdLink(STDERR_LINK), Terminal::consoleIsTerminal);
    }

    /**
     * The decision, from its parts: {@code TERM=dumb} means no; else what {@code probe} says; when it cannot tell,
     * {@code fallback}.
     */
    public static boolean decide(Map<String, String> env, Probe probe, BooleanSupplier fallback) {
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(fallback, "fallback");
        if ("dumb".equalsIgnoreCase(String.valueOf(env.get("TERM")).strip())) {
            return false;
        }
        return probe.stderrIsTerminal().orElseGet(fallback::getAsBoolean);
    }

    /**
     * Looks where a file-descriptor link ({@code /proc/self/fd/2}) points: a terminal device ({@code /dev/pts/N},
     * {@code /dev/tty…}, {@code /dev/console}) or anything else (a pipe, a file, {@code /dev/null}); empty when it is
     * not a readable link.
     */
    public static Probe fdLink(Path link) {
        Objects.requireNonNull(link, "link");
        return () -> {
            try {
                String target = Files.readSymbolicLink(link).toString();
                return Optional.of(target.startsWith("/dev/pts/") || target.startsWith("/dev/tty")
                        || target.equals("/dev/console"));
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                return Optional.empty();
            }
        };
    }

    /** The fallback: a console exists and, where the JDK can say so (22+), it is a terminal. */
    static boolean consoleIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return Boolean.TRUE.equals(isTerminal.invoke(console));
        } catch (NoSuchMethodException e) {
            return true; // before JDK 22 a console exists only when stdin and stdout are terminals
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
