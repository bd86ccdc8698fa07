package io.lakeloop.export.rows;

import io.lakeloop.export.report.Rejections;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Reads the rows of one decompressed text part and hands the accepted ones, as output CSV rows, to a
 * {@link RowSink}; rejected rows are counted in {@link #rejections()}. {@link #open} tells the format from the
 * content: a part whose first non-blank byte is <code>{</code> is JSON lines; anything else is delimited text, split
 * by {@link TextOptions#delimiter()} or by the delimiter its first line shows — U+0001 (Hive's default) when the line
 * holds one, else a tab when it holds tabs and no comma, else a comma (CSV). A first line that is not text (invalid
 * UTF-8, a NUL) is read as CSV, whose rows the checks then reject.
 */
public abstract sealed class PartReader implements RowReader permits CsvPartReader, JsonLinesPartReader {

    protected final ByteInput in;
    protected final RowRules rules;
    protected final String partName;
    protected final Rejections rejections = new Rejections();
    protected long record;
    protected long rowsIn;

    PartReader(ByteInput in, RowRules rules, String partName) {
        this.in = in;
        this.rules = rules;
        this.partName = partName;
    }

    /** Detects the format of a decompressed part and reads its header, if any. */
    public static PartReader open(InputStream decompressed, RowRules rules, String partName) throws IOException {
        ByteInput in = new ByteInput(decompressed, ByteInput.SIZE);
        in.require(3);
        if (in.limit - in.pos >= 3 && (in.buf[0] & 0xFF) == 0xEF && (in.buf[1] & 0xFF) == 0xBB
                && (in.buf[2] & 0xFF) == 0xBF) {
            in.pos += 3; // a UTF-8 byte order mark
        }
        int p = in.pos;
        while (true) {
            if (p >= in.limit) {
                if (in.eof) {
                    break;
                }
                int consumed = p - in.pos;
                in.fill();
                p = in.pos + consumed;
                continue;
            }
            byte c = in.buf[p];
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                break;
            }
            p++;
        }
        PartReader reader;
        if (p < in.limit && in.buf[p] == '{') {
            reader = new JsonLinesPartReader(in, rules, partName);
        } else {
            int d = rules.text().delimiter() >= 0 ? rules.text().delimiter() : detectDelimiter(in);
            reader = new CsvPartReader(in, rules, partName, d == ',' ? -1 : d);
        }
        reader.start();
        return reader;
    }

    /** The delimiter the first line shows (see the class comment); reads at most one row's worth of bytes. */
    static int detectDelimiter(ByteInput in) throws IOException {
        int end = -1;
        int from = in.pos;
        while (end < 0) {
            for (int p = from; p < in.limit; p++) {
                if (in.buf[p] == '\n') {
                    end = p;
                    break;
                }
            }
            if (end >= 0 || in.eof || in.limit - in.pos >= RowRules.MAX_ROW_BYTES) {
                end = end >= 0 ? end : in.limit;
                break;
            }
            int scanned = in.limit - in.pos;
            in.fill();
            from = in.pos + scanned;
        }
        if (TextCheck.check(in.buf, in.pos, end - in.pos) != null) {
            return ',';
        }
        boolean tab = false;
        boolean comma = false;
        for (int p = in.pos; p < end; p++) {
            byte c = in.buf[p];
            if (c == 1) {
                return 1;
            }
            tab |= c == '\t';
            comma |= c == ',';
        }
        return tab && !comma ? '\t' : ',';
    }

    abstract void start() throws IOException;

    @Override
    public abstract List<String> header();

    @Override
    public Rejections rejections() {
        return rejections;
    }

    @Override
    public long rowsIn() {
        return rowsIn;
    }

    protected void reject(String reason) {
        rejections.add(reason, partName, record);
    }

    protected void reject(String reason, String detail) {
        rejections.add(reason, partName, record, detail);
    }
}
