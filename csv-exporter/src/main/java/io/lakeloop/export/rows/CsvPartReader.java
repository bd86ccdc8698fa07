package io.lakeloop.export.rows;

import io.lakeloop.event.InvalidEventException;
import io.lakeloop.lake.LakeColumn;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * An RFC 4180 CSV part read at the byte level: each row is scanned in place for its field boundaries and the output
 * row is assembled by copying the raw bytes of the fields it keeps (quoting included), so nothing is decoded but the
 * cells that must be checked (ids, timestamp, event value). The first row is the header when it names USER_ID,
 * ITEM_ID and TIMESTAMP; otherwise the part has no header and its columns are the lake schema's, in order.
 */
public final class CsvPartReader extends PartReader {

    private static final int NEED_MORE = -1;
    private static final int END = -2;
    private static final int ROW = 0;

    private int[] fs = new int[16];
    private int[] fe = new int[16];
    private boolean[] fq = new boolean[16];
    private int nFields;
    private boolean malformed;
    private int nextStart;

    private final int[] index = new int[LakeColumn.values().length];
    private List<String> header = List.of();
    private int headerSize;
    private final byte[] out = new byte[RowRules.MAX_ROW_BYTES + 128];
    private final byte[] scratch = new byte[RowRules.MAX_ROW_BYTES];
    private byte[] cBuf;
    private int cOff;
    private int cLen;

    CsvPartReader(ByteInput in, RowRules rules, String partName) {
        super(in, rules, partName);
    }

    @Override
    void start() throws IOException {
        int r = scanFilling();
        if (r == END) {
            return;
        }
        if (r == NEED_MORE) {
            throw new PartFormatException(partName + ": the first row is longer than " + RowRules.MAX_ROW_BYTES
                    + " bytes; not a lake CSV part");
        }
        List<String> names = new ArrayList<>(nFields);
        for (int i = 0; i < nFields; i++) {
            content(i);
            names.add(new String(cBuf, cOff, cLen, StandardCharsets.UTF_8).trim().toUpperCase(Locale.ROOT));
        }
        boolean hasHeader = names.containsAll(List.of("USER_ID", "ITEM_ID", "TIMESTAMP"));
        if (hasHeader) {
            in.pos = nextStart;
            record = 1;
        } else {
            names = LakeColumn.ALL.stream().map(Enum::name).toList();
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
                throw new PartFormatException(partName + ": no column " + c + " (header " + header + ")");
            }
        }
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public void readRows(RowSink sink) throws IOException, InterruptedException {
        if (header.isEmpty()) {
            return;
        }
        while (true) {
            int r = scanFilling();
            if (r == END) {
                return;
            }
            record++;
            if (r == NEED_MORE) { // longer than any legitimate row: skip to the next line feed
                rowsIn++;
                reject(RowRules.ROW_TOO_LONG);
                skipLine();
                continue;
            }
            if (nextStart - in.pos > RowRules.MAX_ROW_BYTES) {
                rowsIn++;
                reject(RowRules.ROW_TOO_LONG);
            } else if (!(nFields == 1 && fe[0] == fs[0] && !fq[0])) {
                rowsIn++;
                row(sink);
            }
            in.pos = nextStart;
        }
    }

    /** Scans the row at {@code in.pos}, reading more as needed; NEED_MORE here means the row is too long. */
    private int scanFilling() throws IOException {
        while (true) {
            int r = scan(in.pos);
            if (r != NEED_MORE) {
                return r;
            }
            if (in.limit - in.pos >= RowRules.MAX_ROW_BYTES) {
                return NEED_MORE;
            }
            in.fill();
        }
    }

    private void skipLine() throws IOException {
        while (true) {
            for (int p = in.pos; p < in.limit; p++) {
                if (in.buf[p] == '\n') {
                    in.pos = p + 1;
                    return;
                }
            }
            in.pos = in.limit;
            if (in.eof) {
                return;
            }
            in.fill();
        }
    }

    private void row(RowSink sink) throws InterruptedException {
        if (malformed) {
            reject(RowRules.MALFORMED_CSV);
            return;
        }
        if (nFields != headerSize) {
            reject(RowRules.FIELD_COUNT);
            return;
        }
        content(index[LakeColumn.USER_ID.ordinal()]);
        String bad = RowRules.checkId(cBuf, cOff, cLen);
        long user = Hashing.hash(cBuf, cOff, cLen, Hashing.SEED_A);
        if (bad == null) {
            content(index[LakeColumn.ITEM_ID.ordinal()]);
            bad = RowRules.checkId(cBuf, cOff, cLen);
        }
        long item = Hashing.hash(cBuf, cOff, cLen, Hashing.SEED_A);
        long ts = 0;
        boolean tsAsIs = false;
        if (bad == null) {
            int f = index[LakeColumn.TIMESTAMP.ordinal()];
            content(f);
            ts = rules.plainSeconds(cBuf, cOff, cLen);
            tsAsIs = ts >= 0 && !fq[f];
            if (ts < 0) {
                try {
                    ts = rules.epochSeconds(cBuf, cOff, cLen);
                } catch (InvalidEventException e) {
                    bad = e.rejection().code().name();
                }
            }
        }
        if (bad == null) {
            bad = checkOptional();
        }
        if (bad != null) {
            reject(bad);
            return;
        }
        int n = assemble(ts, tsAsIs);
        long a = 0;
        long b = 0;
        if (rules.dedupe() == Dedupe.ROWS) {
            a = Hashing.hash(out, 0, n, Hashing.SEED_A);
            b = Hashing.hash(out, 0, n, Hashing.SEED_B);
        } else if (rules.dedupe() == Dedupe.EVENT_ID) {
            content(index[LakeColumn.EVENT_ID.ordinal()]);
            if (cLen > 0) {
                a = Hashing.hash(cBuf, cOff, cLen, Hashing.SEED_A) | 1;
                b = Hashing.hash(cBuf, cOff, cLen, Hashing.SEED_B);
            }
        }
        sink.row(out, n, user, item, ts, a, b);
    }

    private String checkOptional() {
        for (LakeColumn c : rules.output()) {
            if (c == LakeColumn.EVENT_TYPE) {
                content(index[c.ordinal()]);
                String bad = RowRules.checkId(cBuf, cOff, cLen);
                if (bad != null) {
                    return bad;
                }
            } else if (c == LakeColumn.EVENT_VALUE) {
                content(index[c.ordinal()]);
                String bad = RowRules.checkEventValue(cBuf, cOff, cLen);
                if (bad != null) {
                    return bad;
                }
            }
        }
        return null;
    }

    /** The output row: raw field bytes in output order, the timestamp as epoch seconds, CRLF. */
    private int assemble(long ts, boolean tsAsIs) {
        byte[] b = in.buf;
        int n = 0;
        List<LakeColumn> cols = rules.output();
        for (int k = 0; k < cols.size(); k++) {
            if (k > 0) {
                out[n++] = ',';
            }
            LakeColumn c = cols.get(k);
            if (c == LakeColumn.TIMESTAMP && !tsAsIs) {
                n = writeLong(ts, n);
            } else {
                int f = index[c.ordinal()];
                int len = fe[f] - fs[f];
                System.arraycopy(b, fs[f], out, n, len);
                n += len;
            }
        }
        out[n++] = '\r';
        out[n++] = '\n';
        return n;
    }

    private int writeLong(long v, int n) {
        if (v == 0) {
            out[n] = '0';
            return n + 1;
        }
        int digits = 0;
        for (long t = v; t > 0; t /= 10) {
            digits++;
        }
        for (int i = n + digits - 1; i >= n; i--) {
            out[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return n + digits;
    }

    /** Points cBuf/cOff/cLen at field {@code f}'s content: raw bytes, or unescaped into scratch when quoted. */
    private void content(int f) {
        if (!fq[f]) {
            cBuf = in.buf;
            cOff = fs[f];
            cLen = fe[f] - fs[f];
            return;
        }
        int end = fe[f] - 1; // the closing quote
        int n = 0;
        for (int p = fs[f] + 1; p < end; p++) {
            byte c = in.buf[p];
            scratch[n++] = c;
            if (c == '"') {
                p++; // doubled quote
            }
        }
        cBuf = scratch;
        cOff = 0;
        cLen = n;
    }

    /** Finds the field boundaries of the row starting at {@code start}. */
    private int scan(int start) {
        byte[] b = in.buf;
        int limit = in.limit;
        boolean eof = in.eof;
        int p = start;
        nFields = 0;
        malformed = false;
        if (p >= limit) {
            return eof ? END : NEED_MORE;
        }
        while (true) {
            int f0 = p;
            boolean quoted = p < limit && b[p] == '"';
            if (quoted) {
                p++;
                while (true) {
                    if (p >= limit) {
                        if (!eof) {
                            return NEED_MORE;
                        }
                        malformed = true; // unterminated at the end of the part
                        break;
                    }
                    if (b[p] == '"') {
                        if (p + 1 >= limit && !eof) {
                            return NEED_MORE;
                        }
                        if (p + 1 < limit && b[p + 1] == '"') {
                            p += 2;
                            continue;
                        }
                        p++;
                        break;
                    }
                    p++;
                }
            }
            while (p < limit) {
                int c = b[p] & 0xFF;
                if (c > ',') { // the common case: every delimiter, quote and line end is at or below ','
                    p++;
                    continue;
                }
                if (c == ',' || c == '\n' || c == '\r') {
                    break;
                }
                malformed |= quoted || c == '"'; // text after a closing quote, or a bare quote
                p++;
            }
            if (p >= limit && !eof) {
                return NEED_MORE;
            }
            addField(f0, p, quoted && !malformed);
            if (p >= limit) {
                nextStart = p;
                return ROW;
            }
            byte c = b[p];
            if (c == ',') {
                p++;
                continue;
            }
            if (c == '\r') {
                if (p + 1 >= limit && !eof) {
                    return NEED_MORE;
                }
                nextStart = p + 1 < limit && b[p + 1] == '\n' ? p + 2 : p + 1;
                return ROW;
            }
            nextStart = p + 1;
            return ROW;
        }
    }

    private void addField(int start, int end, boolean quoted) {
        if (nFields == fs.length) {
            fs = Arrays.copyOf(fs, nFields * 2);
            fe = Arrays.copyOf(fe, nFields * 2);
            fq = Arrays.copyOf(fq, nFields * 2);
        }
        fs[nFields] = start;
        fe[nFields] = end;
        fq[nFields] = quoted;
        nFields++;
    }
}
