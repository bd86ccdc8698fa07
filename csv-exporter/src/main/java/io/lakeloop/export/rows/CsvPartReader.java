package io.lakeloop.export.rows;

import com.dynatrace.hash4j.hashing.HashValue128;
import io.lakeloop.event.InvalidEventException;
import io.lakeloop.event.ReasonCode;
import io.lakeloop.lake.LakeColumn;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * An RFC 4180 CSV part, or a delimited text part (Hive's {@code TEXTFILE}: any delimiter, no quoting, an optional
 * escape byte), read at the byte level: each row is scanned in place for its field boundaries and the output row is
 * assembled from the bytes of the fields it keeps — CSV fields copied raw (quoting included), text fields quoted
 * where CSV needs it — so nothing is decoded but the cells that must be checked (ids, timestamp, event value). An
 * unquoted {@code \N} is Hive's null: a missing id or timestamp rejects the row ({@code MISSING_FIELD}), another
 * column is written empty. The first row is the header when it names USER_ID, ITEM_ID and TIMESTAMP; otherwise the
 * part has no header and its columns are {@link TextOptions#inputColumns()}, or by default the lake schema's (seven
 * fields) or {@code USER_ID,ITEM_ID,TIMESTAMP} (three fields).
 */
public final class CsvPartReader extends PartReader {

    private final CsvRowScanner s;
    private final int[] index = new int[LakeColumn.values().length];
    private List<String> header = List.of();
    private int headerSize;
    private final byte[] out = new byte[2 * RowRules.MAX_ROW_BYTES + 256]; // text cells may be quoted
    /** Whether an output column besides the ids and the timestamp is checked (EVENT_TYPE, EVENT_VALUE). */
    private final boolean checksOptional;
    /** -1 for CSV, else the delimiter of delimited text. */
    private final int delimiter;

    CsvPartReader(ByteInput in, RowRules rules, String partName, int delimiter) {
        super(in, rules, partName);
        this.delimiter = delimiter;
        this.s = delimiter < 0 ? new CsvRowScanner(in) : new CsvRowScanner(in, delimiter, rules.text().escape());
        this.checksOptional = rules.output().contains(LakeColumn.EVENT_TYPE)
                || rules.output().contains(LakeColumn.EVENT_VALUE);
    }

    @Override
    void start() throws IOException {
        int r = s.scanFilling();
        if (r == CsvRowScanner.END) {
            return;
        }
        if (r == CsvRowScanner.NEED_MORE) {
            throw new PartFormatException(partName + ": the first row is longer than " + RowRules.MAX_ROW_BYTES
                    + " bytes; not a lake CSV part");
        }
        List<String> names = new ArrayList<>(s.nFields);
        for (int i = 0; i < s.nFields; i++) {
            s.content(i);
            names.add(new String(s.cBuf, s.cOff, s.cLen, StandardCharsets.UTF_8).trim().toUpperCase(Locale.ROOT));
        }
        boolean hasHeader = names.containsAll(List.of("USER_ID", "ITEM_ID", "TIMESTAMP"));
        if (hasHeader) {
            in.pos = s.nextStart;
            record = 1;
        } else if (!rules.text().inputColumns().isEmpty()) {
            names = rules.text().inputColumns();
        } else {
            names = (s.nFields == 3 ? LakeColumn.PERSONALIZE_REQUIRED : LakeColumn.ALL).stream().map(Enum::name)
                    .toList();
        }
        header = List.copyOf(names);
        headerSize = names.size();
        Arrays.fill(index, -1);
        for (int i = 0; i < names.size(); i++) {
            LakeColumn c = LakeColumn.byName(names.get(i)).orElse(null);
            if (c != null) {
                if (index[c.ordinal()] >= 0) {
                    throw new PartFormatException(partName + ": column " + c + " appears twice in the header");
                }
                index[c.ordinal()] = i;
            }
        }
        for (LakeColumn c : rules.requiredInput()) {
            if (index[c.ordinal()] < 0) {
                throw new PartFormatException(partName + ": no column " + c + (hasHeader ? " (header " + header + ")"
                        : " in the columns " + header + " of this part without a header (--input-columns gives the "
                        + "table's column list)"));
            }
        }
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public String format() {
        return delimiter < 0 ? "csv" : "text(" + TextOptions.describe(delimiter) + ")";
    }

    @Override
    public void readRows(RowSink sink) throws IOException, InterruptedException {
        if (header.isEmpty()) {
            return;
        }
        while (true) {
            int r = s.scanFilling();
            if (r == CsvRowScanner.END) {
                return;
            }
            record++;
            if (r == CsvRowScanner.NEED_MORE) { // longer than any legitimate row: skip to the next line feed
                rowsIn++;
                reject(RowRules.ROW_TOO_LONG);
                in.skipLine();
                continue;
            }
            if (s.nextStart - in.pos > RowRules.MAX_ROW_BYTES) {
                rowsIn++;
                reject(RowRules.ROW_TOO_LONG);
            } else if (!(s.nFields == 1 && s.fe[0] == s.fs[0] && !s.fq[0])) {
                rowsIn++;
                row(sink);
            }
            in.pos = s.nextStart;
        }
    }


    private void row(RowSink sink) throws InterruptedException {
        if (s.malformed) {
            reject(RowRules.MALFORMED_CSV);
            return;
        }
        if (s.nFields != headerSize) {
            reject(RowRules.FIELD_COUNT);
            return;
        }
        String bad = id(LakeColumn.USER_ID);
        long user = Hashing.id(s.cBuf, s.cOff, s.cLen);
        if (bad == null) {
            bad = id(LakeColumn.ITEM_ID);
        }
        long item = Hashing.id(s.cBuf, s.cOff, s.cLen);
        long ts = 0;
        boolean tsAsIs = false;
        if (bad == null && s.isHiveNull(index[LakeColumn.TIMESTAMP.ordinal()])) {
            bad = ReasonCode.MISSING_FIELD.name();
        } else if (bad == null) {
            int f = index[LakeColumn.TIMESTAMP.ordinal()];
            s.content(f);
            ts = rules.plainSeconds(s.cBuf, s.cOff, s.cLen);
            tsAsIs = ts >= 0 && !s.fq[f] && delimiter < 0;
            if (ts < 0) {
                try {
                    ts = rules.epochSeconds(s.cBuf, s.cOff, s.cLen);
                } catch (InvalidEventException e) {
                    bad = e.rejection().code().name();
                }
            }
        }
        if (bad == null && checksOptional) {
            bad = checkOptional();
        }
        if (bad != null) {
            reject(bad);
            return;
        }
        int n = assemble(ts, tsAsIs);
        if (n > RowRules.MAX_ROW_BYTES) {
            reject(RowRules.ROW_TOO_LONG);
            return;
        }
        String text = TextCheck.check(out, 0, n); // Personalize reads UTF-8; a NUL is never a real id
        if (text != null) {
            reject(text);
            return;
        }
        long a = 0;
        long b = 0;
        if (rules.dedupe() == Dedupe.ROWS) {
            HashValue128 f = Hashing.fingerprint(out, 0, n);
            a = f.getMostSignificantBits();
            b = f.getLeastSignificantBits();
        } else if (rules.dedupe() == Dedupe.EVENT_ID && !s.isHiveNull(index[LakeColumn.EVENT_ID.ordinal()])) {
            s.content(index[LakeColumn.EVENT_ID.ordinal()]);
            if (s.cLen > 0) {
                HashValue128 f = Hashing.fingerprint(s.cBuf, s.cOff, s.cLen);
                a = f.getMostSignificantBits() | 1;
                b = f.getLeastSignificantBits();
            }
        }
        sink.row(out, n, user, item, ts, a, b);
    }

    /** Points the scanner's content at an identifier column and checks it; {@code null} when fine. */
    private String id(LakeColumn c) {
        int f = index[c.ordinal()];
        s.content(f);
        return s.isHiveNull(f) ? ReasonCode.MISSING_FIELD.name() : RowRules.checkId(s.cBuf, s.cOff, s.cLen);
    }

    private String checkOptional() {
        for (LakeColumn c : rules.output()) {
            if (c == LakeColumn.EVENT_TYPE) {
                String bad = id(c);
                if (bad != null) {
                    return bad;
                }
            } else if (c == LakeColumn.EVENT_VALUE && !s.isHiveNull(index[c.ordinal()])) {
                s.content(index[c.ordinal()]);
                String bad = RowRules.checkEventValue(s.cBuf, s.cOff, s.cLen);
                if (bad != null) {
                    return bad;
                }
            }
        }
        return null;
    }

    /**
     * The output row in output order, CRLF-terminated: the timestamp as epoch seconds, CSV fields as their raw bytes,
     * text fields quoted where CSV needs it, a null ({@code \N}) empty.
     */
    private int assemble(long ts, boolean tsAsIs) {
        byte[] b = in.buf;
        int n = 0;
        List<LakeColumn> cols = rules.output();
        for (int k = 0; k < cols.size(); k++) {
            if (k > 0) {
                out[n++] = ',';
            }
            LakeColumn c = cols.get(k);
            int f = index[c.ordinal()];
            if (c == LakeColumn.TIMESTAMP && !tsAsIs) {
                n = Cells.writeLong(ts, out, n);
            } else if (s.isHiveNull(f)) {
                continue;
            } else if (delimiter >= 0) {
                s.content(f);
                n = Cells.appendCsv(s.cBuf, s.cOff, s.cLen, out, n);
            } else {
                int len = s.fe[f] - s.fs[f];
                System.arraycopy(b, s.fs[f], out, n, len);
                n += len;
            }
        }
        out[n++] = '\r';
        out[n++] = '\n';
        return n;
    }


}
