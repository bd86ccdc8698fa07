package io.lakeloop.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one parser of durations that users write: a whole number with a unit ({@code 500ms}, {@code 90s}, {@code 15m},
 * {@code 3h}, {@code 2d}), several of them largest unit first ({@code 1h30m}), or ISO-8601 ({@code PT90S},
 * {@code P2D}); units and the ISO letters in either case. Every command-line option and setting that takes a
 * duration reads it here, so they all accept the same forms and fail with the same clear message.
 *
 * <p>Refused, each with its reason: empty text, a negative duration, a bare number (which unit?), an unknown unit, a
 * fraction ({@code 1.5h}: write {@code 90m}), units repeated or smallest first, more than {@link #MAX_LENGTH}
 * characters, and anything longer than {@link #MAX} (what a {@code long} of nanoseconds holds, about 292 years, so
 * that no deadline computed from it overflows).
 */
public final class Durations {

    /** The accepted forms, as error messages and option descriptions name them. */
    public static final String FORMS = "a whole number with a unit (500ms, 90s, 15m, 3h, 2d; combined largest first: "
            + "1h30m) or ISO-8601 (PT90S, P2D)";
    /** The longest text read; anything longer is refused before parsing. */
    public static final int MAX_LENGTH = 64;
    /** The longest duration accepted: {@code Long.MAX_VALUE} nanoseconds (about 292 years). */
    public static final Duration MAX = Duration.ofNanos(Long.MAX_VALUE);

    private static final Pattern PART = Pattern.compile("\\G([0-9]+)([a-zA-Z]*)");
    /** Units from the largest down; a combined duration names each at most once, in this order. */
    private static final List<String> UNITS = List.of("d", "h", "m", "s", "ms");
    private static final List<Duration> UNIT_LENGTHS = List.of(Duration.ofDays(1), Duration.ofHours(1),
            Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofMillis(1));

    private Durations() {
    }

    /**
     * The duration {@code text} says, zero or more.
     *
     * @throws IllegalArgumentException naming what is wrong and the accepted forms (not the option: see
     *                                  {@link #parse(String, String)})
     */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw invalid(text, "is empty");
        }
        String t = text.strip();
        if (t.length() > MAX_LENGTH) {
            throw invalid(text, "is longer than " + MAX_LENGTH + " characters");
        }
        if (t.startsWith("-")) {
            throw invalid(text, "is negative");
        }
        Duration d = t.charAt(0) == 'P' || t.charAt(0) == 'p' || t.startsWith("+P") || t.startsWith("+p")
                ? iso(text, t) : withUnits(text, t);
        if (d.isNegative()) {
            throw invalid(text, "is negative");
        }
        if (d.compareTo(MAX) > 0) {
            throw tooLong(text);
        }
        return d;
    }

    /** {@link #parse(String)}, with {@code name} (the option or key) at the start of any error message. */
    public static Duration parse(String name, String text) {
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    /** {@link #parse(String)}, refusing zero too: for timeouts, intervals and lengths. */
    public static Duration parsePositive(String text) {
        Duration d = parse(text);
        if (d.isZero()) {
            throw invalid(text, "is zero; give a positive duration");
        }
        return d;
    }

    /** {@link #parsePositive(String)}, with {@code name} (the option or key) at the start of any error message. */
    public static Duration parsePositive(String name, String text) {
        try {
            return parsePositive(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    /** The shortest text {@link #parse(String)} reads back as {@code d}: {@code 2m}, {@code 1h30m}, {@code 500ms}. */
    public static String format(Duration d) {
        if (d.isNegative() || d.getNano() % 1_000_000 != 0) {
            return d.toString();
        }
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        Duration left = d;
        for (int i = 0; i < UNITS.size(); i++) {
            long count = left.dividedBy(UNIT_LENGTHS.get(i));
            if (count > 0) {
                out.append(count).append(UNITS.get(i));
                left = left.minus(UNIT_LENGTHS.get(i).multipliedBy(count));
            }
        }
        return out.toString();
    }

    private static Duration iso(String text, String t) {
        try {
            return Duration.parse(t);
        } catch (DateTimeParseException e) {
            if (e.getCause() instanceof ArithmeticException || e.getCause() instanceof NumberFormatException) {
                throw tooLong(text);
            }
            throw invalid(text, "is not a duration");
        }
    }

    private static Duration withUnits(String text, String t) {
        Matcher m = PART.matcher(t);
        Duration total = Duration.ZERO;
        int end = 0;
        int lastRank = -1;
        while (end < t.length() && m.find()) {
            String unit = m.group(2).toLowerCase(Locale.ROOT);
            int rank = UNITS.indexOf(unit);
            if (unit.isEmpty()) {
                boolean fraction = m.end() < t.length() && (t.charAt(m.end()) == '.' || t.charAt(m.end()) == ',');
                throw invalid(text, fraction ? "has a fraction; use a smaller unit (90m, not 1.5h)"
                        : m.end() == t.length() ? "has no unit" : "is not a duration");
            }
            if (rank < 0) {
                throw invalid(text, "has an unknown unit '" + printable(m.group(2)) + "'");
            }
            if (rank <= lastRank) {
                throw invalid(text, "repeats a unit or puts a smaller one first");
            }
            lastRank = rank;
            total = plus(text, total, m.group(1), UNIT_LENGTHS.get(rank));
            end = m.end();
        }
        if (end != t.length()) {
            throw invalid(text, "is not a duration");
        }
        return total;
    }

    private static Duration plus(String text, Duration total, String digits, Duration unit) {
        try {
            Duration sum = total.plus(unit.multipliedBy(Long.parseLong(digits)));
            if (sum.compareTo(MAX) > 0) {
                throw tooLong(text);
            }
            return sum;
        } catch (NumberFormatException | ArithmeticException e) {
            throw tooLong(text);
        }
    }

    private static IllegalArgumentException tooLong(String text) {
        return invalid(text, "is too long; at most " + format(MAX.withNanos(0)) + " (about 292 years)");
    }

    private static IllegalArgumentException invalid(String text, String problem) {
        return new IllegalArgumentException("'" + printable(text == null ? "" : text) + "' " + problem
                + ". A duration is " + FORMS + ".");
    }

    /** {@code text} safe to echo: at most 40 characters, control, format (bidi) and unpaired surrogate characters escaped. */
    static String printable(String text) {
        String cut = text.length() > 40 ? text.substring(0, 40) : text;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < cut.length()
                    && Character.isLowSurrogate(cut.charAt(i + 1));
            if (paired) {
                out.append(c).append(cut.charAt(++i));
            } else if (Character.isISOControl(c) || Character.isSurrogate(c) || Character.getType(c) == Character.FORMAT
                    || c == '\u2028' || c == '\u2029') {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return text.length() > 40 ? out + "…" : out.toString();
    }
}
