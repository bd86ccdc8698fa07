package io.lakeloop.event;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Turns the timestamp forms of the event contract into an {@link Instant} with millisecond precision: epoch seconds
 * (integral or fractional), epoch milliseconds, numeric strings of either, and ISO-8601 with an offset or {@code Z}
 * ({@code 2023-11-14T22:13:20Z}, {@code 2023-11-14T23:13:20.5+01:00}; a space instead of {@code T} is accepted).
 * Everything downstream of this class works in epoch seconds.
 *
 * <p>Rejections: NaN/infinite ({@link ReasonCode#TIMESTAMP_NOT_FINITE}), before the epoch
 * ({@link ReasonCode#TIMESTAMP_NEGATIVE}), later than now + {@code maxFutureSkew}
 * ({@link ReasonCode#TIMESTAMP_IN_FUTURE}), older than now - {@code maxAge} when a max age is set
 * ({@link ReasonCode#TIMESTAMP_TOO_OLD}), anything else ({@link ReasonCode#TIMESTAMP_UNPARSEABLE}).
 * ISO-8601 without an offset is rejected: its instant depends on a time zone nobody stated.
 */
public final class TimestampNormalizer {

    /** Default tolerance for producer clocks ahead of ours. */
    public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofDays(1);

    private static final BigDecimal MAX_MILLIS = BigDecimal.valueOf(Long.MAX_VALUE);
    /** The last instant whose epoch milliseconds fit a long: everything downstream works in epoch ms or s. */
    private static final Instant MAX_INSTANT = Instant.ofEpochMilli(Long.MAX_VALUE);
    private static final Pattern NUMERIC = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private final TimestampUnit unit;
    private final Duration maxFutureSkew;
    private final Duration maxAge;
    private final Clock clock;

    /**
     * @param unit          how to read numbers
     * @param maxFutureSkew how far ahead of {@code clock} a timestamp may be
     * @param maxAge        how far behind {@code clock} a timestamp may be, or {@code null} for no limit
     * @param clock         the clock "now" is read from
     */
    public TimestampNormalizer(TimestampUnit unit, Duration maxFutureSkew, Duration maxAge, Clock clock) {
        this.unit = Objects.requireNonNull(unit, "unit");
        this.maxFutureSkew = Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
        this.maxAge = maxAge;
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxFutureSkew.isNegative() || (maxAge != null && maxAge.isNegative())) {
            throw new IllegalArgumentException("durations must not be negative");
        }
    }

    public static TimestampNormalizer defaults() {
        return new TimestampNormalizer(TimestampUnit.AUTO, DEFAULT_MAX_FUTURE_SKEW, null, Clock.systemUTC());
    }

    public TimestampUnit unit() {
        return unit;
    }

    /**
     * @param value a {@link Number}, a numeric {@link CharSequence} or an ISO-8601 string
     * @param field the field name used in rejection messages
     * @throws InvalidEventException with the reason when the value is not an acceptable timestamp
     */
    public Instant normalize(Object value, String field) {
        Instant instant;
        if (value instanceof Number n) {
            instant = fromNumber(n.doubleValue(), n, field);
        } else if (value instanceof CharSequence cs) {
            instant = fromString(cs.toString().trim(), field);
        } else if (value == null) {
            throw reject(ReasonCode.MISSING_FIELD, field, "timestamp field '" + field + "' is missing");
        } else {
            throw reject(ReasonCode.TIMESTAMP_UNPARSEABLE, field,
                    "timestamp field '" + field + "' must be a number or an ISO-8601 string, not "
                            + value.getClass().getSimpleName());
        }
        return checkRange(instant, field);
    }

    /** Epoch seconds of {@link #normalize(Object, String)}, rounded down. */
    public long toEpochSeconds(Object value, String field) {
        return normalize(value, field).getEpochSecond();
    }

    private Instant fromString(String s, String field) {
        if (s.isEmpty()) {
            throw reject(ReasonCode.EMPTY_FIELD, field, "timestamp field '" + field + "' is empty");
        }
        if (NUMERIC.matcher(s).matches()) {
            BigDecimal exact;
            try {
                exact = new BigDecimal(s);
            } catch (NumberFormatException | ArithmeticException e) {
                // an exponent beyond what a BigDecimal holds (e.g. 1e2147483648)
                throw reject(ReasonCode.TIMESTAMP_UNPARSEABLE, field, "timestamp field '" + field
                        + "' is a number with an exponent out of range");
            }
            return fromNumber(exact.doubleValue(), exact, field);
        }
        String lower = s.toLowerCase(java.util.Locale.ROOT);
        if (lower.equals("nan") || lower.contains("infinity")) {
            throw reject(ReasonCode.TIMESTAMP_NOT_FINITE, field, "timestamp field '" + field + "' is not finite");
        }
        String iso = s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s;
        try {
            return OffsetDateTime.parse(iso, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant()
                    .truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        } catch (DateTimeException e) {
            throw reject(ReasonCode.TIMESTAMP_UNPARSEABLE, field, "timestamp field '" + field
                    + "' is neither epoch seconds, epoch milliseconds nor ISO-8601 with an offset or Z");
        }
    }

    private Instant fromNumber(double d, Number original, String field) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw reject(ReasonCode.TIMESTAMP_NOT_FINITE, field, "timestamp field '" + field + "' is not finite");
        }
        if (d < 0) {
            throw reject(ReasonCode.TIMESTAMP_NEGATIVE, field, "timestamp field '" + field + "' is before 1970");
        }
        boolean millis = unit == TimestampUnit.MILLISECONDS
                || (unit == TimestampUnit.AUTO && d >= TimestampUnit.AUTO_MILLIS_THRESHOLD);
        long epochMillis;
        if (original instanceof Long || original instanceof Integer || original instanceof Short) {
            long v = original.longValue();
            if (millis) {
                epochMillis = v;
            } else if (v > Long.MAX_VALUE / 1000) {
                throw reject(ReasonCode.TIMESTAMP_IN_FUTURE, field, "timestamp field '" + field + "' is far in the future");
            } else {
                epochMillis = v * 1000;
            }
        } else {
            // exact decimal arithmetic, so 1700000000.123 s is 1700000000123 ms and not ...122
            BigDecimal exact = original instanceof BigDecimal bd ? bd : BigDecimal.valueOf(d);
            BigDecimal ms = millis ? exact : exact.movePointRight(3);
            if (ms.compareTo(MAX_MILLIS) > 0) {
                throw reject(ReasonCode.TIMESTAMP_IN_FUTURE, field, "timestamp field '" + field + "' is far in the future");
            }
            epochMillis = ms.longValue();
        }
        return Instant.ofEpochMilli(epochMillis);
    }

    private Instant checkRange(Instant instant, String field) {
        if (instant.isBefore(Instant.EPOCH)) {
            throw reject(ReasonCode.TIMESTAMP_NEGATIVE, field, "timestamp field '" + field + "' is before 1970");
        }
        if (instant.isAfter(MAX_INSTANT)) {
            throw reject(ReasonCode.TIMESTAMP_IN_FUTURE, field, "timestamp field '" + field + "' is far in the future");
        }
        Instant now = clock.instant();
        if (instant.isAfter(now.plus(maxFutureSkew))) {
            throw reject(ReasonCode.TIMESTAMP_IN_FUTURE, field, "timestamp field '" + field
                    + "' is more than " + maxFutureSkew + " in the future (unit " + unit + ")");
        }
        if (maxAge != null && instant.isBefore(now.minus(maxAge))) {
            throw reject(ReasonCode.TIMESTAMP_TOO_OLD, field, "timestamp field '" + field
                    + "' is older than the maximum age " + maxAge);
        }
        return instant;
    }

    private static InvalidEventException reject(ReasonCode code, String field, String message) {
        return new InvalidEventException(Rejection.ofRecord(code, field, message));
    }
}
