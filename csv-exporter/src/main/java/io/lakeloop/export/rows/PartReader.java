package io.lakeloop.export.rows;

import io.lakeloop.export.report.Rejections;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Reads the rows of one decompressed part and hands the accepted ones, as output CSV rows, to a {@link RowSink};
 * rejected rows are counted in {@link #rejections()}. {@link #open} tells the format from the content: a part
 * whose first non-blank byte is <code>{</code> is JSON lines, anything else is CSV.
 */
public abstract sealed class PartReader permits CsvPartReader, JsonLinesPartReader {

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
        PartReader reader = p < in.limit && in.buf[p] == '{'
                ? new JsonLinesPartReader(in, rules, partName)
                : new CsvPartReader(in, rules, partName);
        reader.start();
        return reader;
    }

    abstract void start() throws IOException;

    /**
     * A CSV part's columns as the cross-part header check compares them (upper-case names; a CSV part without a
     * header row counts as the lake schema's columns), or an empty list for an empty or JSON-lines part.
     */
    public abstract List<String> header();

    /** Reads every remaining row. */
    public abstract void readRows(RowSink sink) throws IOException, InterruptedException;

    public Rejections rejections() {
        return rejections;
    }

    /** Data rows read, rejected ones included, blank lines and the header not. */
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
