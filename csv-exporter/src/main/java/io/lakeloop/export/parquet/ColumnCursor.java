package io.lakeloop.export.parquet;

import java.io.IOException;

/**
 * The values of one column chunk, one row at a time: pages from its {@link PageSource}, definition levels (a null
 * where the level is below the column's one), and the page's value decoder.
 */
final class ColumnCursor implements AutoCloseable {

    private final ColumnSpec spec;
    private final PageSource pages;
    private Dictionary dictionary;
    private RleDecoder levels;
    private Values.Decoder values;
    private int left;
    private Page current;

    ColumnCursor(ColumnSpec spec, PageSource pages) {
        this.spec = spec;
        this.pages = pages;
    }

    ColumnSpec spec() {
        return spec;
    }

    /** Moves to the next row's value. */
    void next(Values.Cell c) throws IOException, InterruptedException {
        while (left == 0) {
            load();
        }
        left--;
        if (levels != null) {
            int level = levels.next();
            if (level == 0) {
                c.isNull = true;
                return;
            }
            if (level != 1) {
                throw new CorruptPageException("a definition level of " + level + " in a column whose maximum is 1");
            }
        }
        c.isNull = false;
        values.next(c);
    }

    private void load() throws IOException, InterruptedException {
        pages.done(current);
        current = null;
        Page p = pages.take();
        current = p;
        if (p == Page.END) {
            throw new CorruptPageException("the column chunk holds fewer values than its row group's rows");
        }
        if (p.dictionary() != null) {
            dictionary = p.dictionary(); // kept for the chunk: its budget is given back when the next page loads
            return;
        }
        byte[] d = p.data();
        levels = spec.optional() ? new RleDecoder(d, p.levelsStart(), p.valuesStart(), 1) : null;
        values = Values.of(p.encoding(), spec.type(), spec.typeLength(), dictionary, d, p.valuesStart(), p.end(),
                p.numValues());
        left = p.numValues();
    }

    @Override
    public void close() throws IOException {
        pages.done(current);
        current = null;
        pages.close();
    }
}
