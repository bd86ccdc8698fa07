package io.lakeloop.export.parquet;

import com.dynatrace.hash4j.hashing.HashValue128;
import io.lakeloop.event.InvalidEventException;
import io.lakeloop.event.ReasonCode;
import io.lakeloop.export.rows.Cells;
import io.lakeloop.export.rows.Dedupe;
import io.lakeloop.export.rows.Hashing;
import io.lakeloop.export.rows.RowRules;
import io.lakeloop.export.rows.TextCheck;
import io.lakeloop.lake.LakeColumn;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Turns one row of Parquet values into an output CSV row: ids as text (integers in decimal), checked as the text
 * parts' are; the timestamp as epoch seconds from its unit (a plain integer by {@code --timestamp-unit}); the
 * row's user and item hashes and de-duplication fingerprint for the writer.
 */
final class RowAssembler {

    private final RowRules rules;
    private final List<ColumnSpec> specs;
    private final Values.Cell[] cells;
    /** For each output column, the index of its spec. */
    private final int[] outputSpec;
    private final int user;
    private final int item;
    private final int timestamp;
    private final int eventId;
    private final byte[] digits = new byte[24];

    final byte[] out = new byte[2 * RowRules.MAX_ROW_BYTES + 256];
    int length;
    long userHash;
    long itemHash;
    long seconds;
    long fpA;
    long fpB;

    RowAssembler(RowRules rules, List<ColumnSpec> specs) {
        this.rules = rules;
        this.specs = specs;
        this.cells = new Values.Cell[specs.size()];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = new Values.Cell();
        }
        this.outputSpec = rules.output().stream().mapToInt(this::indexOf).toArray();
        this.user = indexOf(LakeColumn.USER_ID);
        this.item = indexOf(LakeColumn.ITEM_ID);
        this.timestamp = indexOf(LakeColumn.TIMESTAMP);
        this.eventId = rules.dedupe() == Dedupe.EVENT_ID ? indexOf(LakeColumn.EVENT_ID) : -1;
    }

    private int indexOf(LakeColumn c) {
        for (int i = 0; i < specs.size(); i++) {
            if (specs.get(i).column() == c) {
                return i;
            }
        }
        throw new IllegalArgumentException("no column " + c);
    }

    Values.Cell[] cells() {
        return cells;
    }

    /** Assembles the current cells into {@link #out}; returns the rejection reason, or null when written. */
    String assemble() {
        String bad = seconds();
        if (bad != null) {
            return bad;
        }
        int n = 0;
        for (int k = 0; k < outputSpec.length; k++) {
            if (k > 0) {
                out[n++] = ',';
            }
            int s = outputSpec[k];
            Values.Cell c = cells[s];
            ColumnSpec spec = specs.get(s);
            int start = n;
            if (s == timestamp) {
                n = Cells.writeLong(seconds, out, n);
                continue;
            }
            if (c.isNull) {
                if (spec.column() == LakeColumn.EVENT_VALUE || spec.column() == LakeColumn.SESSION_ID
                        || spec.column() == LakeColumn.EVENT_ID) {
                    continue;
                }
                return ReasonCode.MISSING_FIELD.name();
            }
            if (spec.value() == ColumnSpec.Value.TEXT) {
                if (n + 2L * c.len + 2 > RowRules.MAX_ROW_BYTES) {
                    return RowRules.ROW_TOO_LONG;
                }
                n = Cells.appendCsv(c.buf, c.off, c.len, out, n);
            } else {
                n = number(spec, c, n);
            }
            if (spec.column() == LakeColumn.EVENT_VALUE) {
                bad = RowRules.checkEventValue(out, start, n - start);
            } else if (spec.column() != LakeColumn.SESSION_ID && spec.column() != LakeColumn.EVENT_ID) {
                bad = spec.value() == ColumnSpec.Value.TEXT ? RowRules.checkId(c.buf, c.off, c.len)
                        : RowRules.checkId(out, start, n - start);
            }
            if (bad != null) {
                return bad;
            }
            if (s == user || s == item) {
                long h = spec.value() == ColumnSpec.Value.TEXT ? Hashing.id(c.buf, c.off, c.len)
                        : Hashing.id(out, start, n - start);
                if (s == user) {
                    userHash = h;
                } else {
                    itemHash = h;
                }
            }
        }
        out[n++] = '\r';
        out[n++] = '\n';
        String text = TextCheck.check(out, 0, n);
        if (text != null) {
            return text;
        }
        length = n;
        fingerprint();
        return null;
    }

    private int number(ColumnSpec spec, Values.Cell c, int n) {
        return switch (spec.value()) {
            case UNSIGNED -> {
                byte[] u = Long.toUnsignedString(c.num).getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(u, 0, out, n, u.length);
                yield n + u.length;
            }
            case FLOATING -> {
                byte[] d = Double.toString(Double.longBitsToDouble(c.num)).getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(d, 0, out, n, d.length);
                yield n + d.length;
            }
            default -> Cells.writeLong(c.num, out, n);
        };
    }

    /** Sets {@link #seconds} from the timestamp cell; returns the rejection reason, or null. */
    private String seconds() {
        Values.Cell c = cells[timestamp];
        if (c.isNull) {
            return ReasonCode.MISSING_FIELD.name();
        }
        ColumnSpec spec = specs.get(timestamp);
        try {
            long s;
            switch (spec.value()) {
                case EPOCH -> s = rules.epochSeconds(c.num);
                case EPOCH_DAYS -> s = c.num * 86_400L;
                case EPOCH_MILLIS -> s = Math.floorDiv(c.num, 1_000L);
                case EPOCH_MICROS -> s = Math.floorDiv(c.num, 1_000_000L);
                case EPOCH_NANOS, INT96 -> s = Math.floorDiv(c.num, 1_000_000_000L);
                case FLOATING -> s = rules.epochSeconds((Object) Double.longBitsToDouble(c.num));
                case TEXT -> s = rules.epochSeconds(c.buf, c.off, c.len);
                default -> throw new IllegalStateException("a timestamp of " + spec.value());
            }
            seconds = s;
            return spec.value() == ColumnSpec.Value.EPOCH || spec.value() == ColumnSpec.Value.FLOATING
                    || spec.value() == ColumnSpec.Value.TEXT ? null : rules.checkSeconds(s);
        } catch (InvalidEventException e) {
            return e.rejection().code().name();
        }
    }

    private void fingerprint() {
        fpA = 0;
        fpB = 0;
        if (rules.dedupe() == Dedupe.ROWS) {
            HashValue128 f = Hashing.fingerprint(out, 0, length);
            fpA = f.getMostSignificantBits();
            fpB = f.getLeastSignificantBits();
        } else if (eventId >= 0 && !cells[eventId].isNull) {
            Values.Cell c = cells[eventId];
            byte[] b = c.buf;
            int off = c.off;
            int len = c.len;
            if (specs.get(eventId).value() != ColumnSpec.Value.TEXT) {
                len = Cells.writeLong(c.num, digits, 0);
                b = digits;
                off = 0;
            }
            if (len > 0) {
                HashValue128 f = Hashing.fingerprint(b, off, len);
                fpA = f.getMostSignificantBits() | 1;
                fpB = f.getLeastSignificantBits();
            }
        }
    }
}
