package io.lakeloop.export.rows;

import io.lakeloop.event.InvalidEventException;
import io.lakeloop.event.PersonalizeLimits;
import io.lakeloop.event.ReasonCode;
import io.lakeloop.event.TimestampNormalizer;
import io.lakeloop.event.TimestampUnit;
import io.lakeloop.lake.LakeColumn;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What an output row must satisfy and how its cells are normalised, shared by the CSV and JSON-lines readers.
 * Identifiers (USER_ID, ITEM_ID, EVENT_TYPE when written) must be 1..{@link PersonalizeLimits#ID_MAX_LENGTH}
 * characters; TIMESTAMP becomes epoch seconds through core's {@link TimestampNormalizer} (a part may carry
 * milliseconds or ISO-8601); EVENT_VALUE, when written and not empty, must be a finite number.
 *
 * <p>Reasons are core's {@link ReasonCode} names plus three of the CSV layer: {@link #MALFORMED_CSV},
 * {@link #FIELD_COUNT} and {@link #ROW_TOO_LONG}.
 */
public final class RowRules {

    public static final String MALFORMED_CSV = "MALFORMED_CSV";
    public static final String FIELD_COUNT = "FIELD_COUNT";
    public static final String ROW_TOO_LONG = "ROW_TOO_LONG";
    /** No legitimate lake row comes near this: seven columns of at most 256 characters each. */
    public static final int MAX_ROW_BYTES = 64 * 1024;

    private final List<LakeColumn> output;
    private final TimestampNormalizer normalizer;
    private final boolean secondsFastPath;
    private final long maxFastSeconds;
    private final Dedupe dedupe;
    private final TextOptions text;

    public RowRules(List<LakeColumn> output, TimestampUnit unit, Clock clock, Dedupe dedupe) {
        this(output, unit, clock, dedupe, TextOptions.DETECT);
    }

    public RowRules(List<LakeColumn> output, TimestampUnit unit, Clock clock, Dedupe dedupe, TextOptions text) {
        this.output = List.copyOf(output);
        if (this.output.isEmpty() || !this.output.containsAll(LakeColumn.PERSONALIZE_REQUIRED)) {
            throw new IllegalArgumentException("the output columns must include USER_ID, ITEM_ID and TIMESTAMP");
        }
        if (Set.copyOf(this.output).size() != this.output.size()) {
            throw new IllegalArgumentException("an output column is listed twice: " + this.output);
        }
        this.normalizer = new TimestampNormalizer(unit, TimestampNormalizer.DEFAULT_MAX_FUTURE_SKEW, null, clock);
        this.secondsFastPath = unit != TimestampUnit.MILLISECONDS;
        this.maxFastSeconds = clock.instant().plus(TimestampNormalizer.DEFAULT_MAX_FUTURE_SKEW).getEpochSecond();
        this.dedupe = Objects.requireNonNull(dedupe, "dedupe");
        this.text = Objects.requireNonNull(text, "text");
    }

    /** How text parts are split (delimiter, escape, the table's columns when a part has no header). */
    public TextOptions text() {
        return text;
    }

    public List<LakeColumn> output() {
        return output;
    }

    public Dedupe dedupe() {
        return dedupe;
    }

    /** The columns a part must have: the output's, plus EVENT_ID when de-duplicating by it. */
    public Set<LakeColumn> requiredInput() {
        Set<LakeColumn> s = EnumSet.copyOf(output);
        if (dedupe == Dedupe.EVENT_ID) {
            s.add(LakeColumn.EVENT_ID);
        }
        return s;
    }

    /** The header line of the output file (unquoted names, CRLF). */
    public byte[] headerBytes() {
        StringBuilder sb = new StringBuilder();
        for (LakeColumn c : output) {
            sb.append(sb.isEmpty() ? "" : ",").append(c.name());
        }
        return sb.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Checks an identifier's unescaped UTF-8 content.
     *
     * @return {@code null} when fine, else the reason
     */
    public static String checkId(byte[] b, int off, int len) {
        if (len == 0) {
            return ReasonCode.EMPTY_FIELD.name();
        }
        if (len > PersonalizeLimits.ID_MAX_LENGTH && utf16Length(b, off, len) > PersonalizeLimits.ID_MAX_LENGTH) {
            return ReasonCode.FIELD_TOO_LONG.name();
        }
        return null;
    }

    /** {@code String.length()} of UTF-8 bytes without decoding them (as core's validator counts). */
    static int utf16Length(byte[] b, int off, int len) {
        int n = 0;
        for (int i = off; i < off + len; i++) {
            int v = b[i] & 0xFF;
            if ((v & 0xC0) != 0x80) {
                n += v >= 0xF0 ? 2 : 1;
            }
        }
        return n;
    }

    /**
     * The value of a cell that already is epoch seconds as Personalize wants them — 1 to 10 digits, no leading zero,
     * not in the future — so it can be copied as it is; -1 for anything else (which {@link #epochSeconds} handles).
     */
    public long plainSeconds(byte[] b, int off, int len) {
        if (!secondsFastPath || len == 0 || len > 10 || (b[off] == '0' && len > 1)) {
            return -1;
        }
        long v = 0;
        for (int i = off; i < off + len; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v <= maxFastSeconds ? v : -1;
    }

    /**
     * Epoch seconds of a timestamp cell's unescaped content: plain digits that are epoch seconds are read in place;
     * everything else (milliseconds, fractions, ISO-8601) goes through core's normaliser.
     *
     * @throws InvalidEventException with the reason when the timestamp is not acceptable
     */
    public long epochSeconds(byte[] b, int off, int len) {
        if (secondsFastPath && len > 0 && len <= 10) {
            long v = 0;
            int i = off;
            for (; i < off + len; i++) {
                int d = b[i] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                v = v * 10 + d;
            }
            if (i == off + len && v <= maxFastSeconds) {
                return v;
            }
        }
        String text = new String(b, off, len, StandardCharsets.UTF_8);
        return normalizer.toEpochSeconds(withZone(text), LakeColumn.TIMESTAMP.name());
    }

    private static final java.util.regex.Pattern ZONELESS = java.util.regex.Pattern.compile(
            "\\s*(\\d{4}-\\d{2}-\\d{2})[ T](\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?)(?: UTC)?\\s*");

    /**
     * Athena renders a {@code TIMESTAMP} as {@code 2024-01-01 00:00:00.000} (no offset; {@code ... UTC} for one with
     * a zone): read as UTC, as the lake's timestamps are. Anything else is left to core's normaliser.
     */
    static String withZone(String text) {
        java.util.regex.Matcher m = ZONELESS.matcher(text);
        return m.matches() ? m.group(1) + "T" + m.group(2) + "Z" : text;
    }

    /**
     * Epoch seconds of an integer with no unit of its own (a Parquet INT64 or INT32 column), read as
     * {@code --timestamp-unit} says.
     *
     * @throws InvalidEventException with the reason when the timestamp is not acceptable
     */
    public long epochSeconds(long value) {
        if (secondsFastPath && value >= 0 && value <= maxFastSeconds) {
            return value;
        }
        return normalizer.toEpochSeconds(value, LakeColumn.TIMESTAMP.name());
    }

    /** Why epoch seconds of a typed timestamp (a Parquet TIMESTAMP, INT96, DATE) are not acceptable, or null. */
    public String checkSeconds(long seconds) {
        return seconds < 0 ? ReasonCode.TIMESTAMP_NEGATIVE.name()
                : seconds > maxFastSeconds ? ReasonCode.TIMESTAMP_IN_FUTURE.name() : null;
    }

    public long epochSeconds(Object value) {
        return normalizer.toEpochSeconds(value, LakeColumn.TIMESTAMP.name());
    }

    /** @return {@code null} when the EVENT_VALUE content is empty or a finite number, else the reason */
    public static String checkEventValue(byte[] b, int off, int len) {
        if (len == 0) {
            return null;
        }
        try {
            double d = Double.parseDouble(new String(b, off, len, StandardCharsets.UTF_8).trim());
            return Double.isFinite(d) && Math.abs(d) <= Float.MAX_VALUE ? null : ReasonCode.EVENT_VALUE_INVALID.name();
        } catch (NumberFormatException e) {
            return ReasonCode.EVENT_VALUE_INVALID.name();
        }
    }
}
