package io.lakeloop.export.parquet;

import io.lakeloop.export.report.Rejections;
import io.lakeloop.export.rows.PartFormatException;
import io.lakeloop.export.rows.RowReader;
import io.lakeloop.export.rows.RowRules;
import io.lakeloop.export.rows.RowSink;
import io.lakeloop.export.source.PartRef;
import io.lakeloop.export.source.PartSource;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.function.UnaryOperator;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;

/**
 * A Parquet part, read for the lake columns the output needs and nothing else: the footer with ranged requests,
 * then per row group one ranged stream per needed column chunk, all of them at once, each paged and decompressed
 * on its own thread ({@link PageSource}); rows are assembled here from the columns' values. A row group of any
 * size is never held whole. A null in a needed column rejects its row ({@code MISSING_FIELD}); the other checks
 * are the text parts' (ids, timestamp range, UTF-8, NUL).
 */
public final class ParquetPartReader implements RowReader {

    private final PartSource source;
    private final PartRef part;
    private final String name;
    private final RowRules rules;
    private final FileMetaData meta;
    private final List<ColumnSpec> specs;
    private final UnaryOperator<InputStream> counted;
    private final RowAssembler assembler;
    private final ExecutorService executor;
    private final PageBudget budget;
    private final int index;
    private final long largestPage = PageBudget.largestPage(Runtime.getRuntime().maxMemory());
    private final Rejections rejections = new Rejections();
    private long rowsIn;

    private ParquetPartReader(PartSource source, PartRef part, String name, RowRules rules, FileMetaData meta,
                              List<ColumnSpec> specs, UnaryOperator<InputStream> counted, ExecutorService executor,
                              PageBudget budget, int index) {
        this.executor = executor;
        this.budget = budget;
        this.index = index;
        this.source = source;
        this.part = part;
        this.name = name;
        this.rules = rules;
        this.meta = meta;
        this.specs = specs;
        this.counted = counted;
        this.assembler = new RowAssembler(rules, specs);
    }

    /**
     * Reads the footer and plans the columns: a missing, nested, repeated or unsupported column, or a compression
     * the reader lacks, fails here naming the object and the column.
     *
     * @param counted  wraps every ranged stream (byte counting)
     * @param executor where the column chunks are paged and decompressed (a thread per column; not queued);
     *                 {@code null} when the part is only inspected ({@code --dry-run})
     * @param budget   the export's page memory; {@code index} is the part's number in output order
     */
    public static ParquetPartReader open(PartSource source, PartRef part, RowRules rules,
                                         UnaryOperator<InputStream> counted, ExecutorService executor,
                                         PageBudget budget, int index) throws IOException {
        String name = source.nameOf(part);
        FileMetaData meta = ParquetFooter.read(source, part, name, counted);
        List<ColumnSpec> specs = ColumnSpec.plan(meta.getSchema(), rules.requiredInput(), name);
        for (RowGroup rg : meta.getRow_groups()) {
            for (ColumnSpec s : specs) {
                ColumnMetaData cm = chunk(rg, s, name).getMeta_data();
                if (!Codecs.supported(cm.getCodec())) {
                    throw new PartFormatException(name + ": column " + s.field() + " is compressed with "
                            + cm.getCodec() + ", which the exporter does not read (it reads uncompressed, SNAPPY, "
                            + "GZIP, ZSTD and LZ4_RAW)");
                }
            }
        }
        return new ParquetPartReader(source, part, name, rules, meta, specs, counted, executor, budget, index);
    }

    private static ColumnChunk chunk(RowGroup rg, ColumnSpec s, String name) throws PartFormatException {
        if (s.leaf() >= rg.getColumnsSize() || rg.getColumns().get(s.leaf()).getMeta_data() == null) {
            throw new PartFormatException(name + ": a row group without a chunk for column " + s.field());
        }
        ColumnChunk c = rg.getColumns().get(s.leaf());
        List<String> path = c.getMeta_data().getPath_in_schema();
        if (path == null || path.size() != 1 || !path.get(0).equals(s.field())) {
            throw new PartFormatException(name + ": the chunk for column " + s.field() + " is for " + path);
        }
        if (c.isSetFile_path() && c.getFile_path() != null && !c.getFile_path().isEmpty()) {
            throw new PartFormatException(name + ": column " + s.field() + " lives in another file ("
                    + "external column chunks are not supported)");
        }
        return c;
    }

    @Override
    public String format() {
        return "parquet";
    }

    @Override
    public List<String> header() {
        return List.of();
    }

    /** The codecs of the chunks read, for {@code --dry-run}: {@code snappy}, {@code zstd+gzip}. */
    public String compression() {
        Set<String> codecs = new TreeSet<>();
        for (RowGroup rg : meta.getRow_groups()) {
            for (ColumnSpec s : specs) {
                codecs.add(rg.getColumns().get(s.leaf()).getMeta_data().getCodec().name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return codecs.isEmpty() ? "none" : String.join("+", codecs);
    }

    /** The matched columns and their types, for {@code --dry-run}: {@code USER_ID=user_id BYTE_ARRAY STRING}. */
    public List<String> columns() {
        List<String> out = new ArrayList<>();
        for (ColumnSpec s : specs) {
            int at = 0;
            for (int i = 1; i < meta.getSchema().size(); i++) {
                if (meta.getSchema().get(i).getName().equals(s.field())) {
                    at = i;
                    break;
                }
            }
            out.add(s.column() + "=" + s.field() + " " + ColumnSpec.describe(meta.getSchema().get(at))
                    + (s.optional() ? "" : " REQUIRED"));
        }
        return out;
    }

    public long rowCount() {
        return meta.getNum_rows();
    }

    public int rowGroups() {
        return meta.getRow_groupsSize();
    }

    /** Reads every row group, one after the other. */
    @Override
    public void readRows(RowSink sink) throws IOException, InterruptedException {
        if (executor == null || budget == null) {
            throw new IllegalStateException("opened for inspection only");
        }
        int g = 0;
        for (RowGroup rg : meta.getRow_groups()) {
            readGroup(rg, g++, sink);
        }
    }

    private void readGroup(RowGroup rg, int g, RowSink sink)
            throws IOException, InterruptedException {
        List<ColumnCursor> cursors = new ArrayList<>(specs.size());
        try {
            for (ColumnSpec s : specs) {
                ColumnMetaData cm = chunk(rg, s, name).getMeta_data();
                long start = cm.getData_page_offset();
                if (cm.isSetDictionary_page_offset() && cm.getDictionary_page_offset() > 0
                        && cm.getDictionary_page_offset() < start) {
                    start = cm.getDictionary_page_offset();
                }
                long len = cm.getTotal_compressed_size();
                if (start < 4 || len <= 0 || start + len > part.size()) {
                    throw new PartFormatException(name + ": column " + s.field() + " of row group " + g
                            + " lies outside the file (" + start + "+" + len + " of " + part.size() + " bytes)");
                }
                InputStream chunk = counted.apply(source.openRange(part, start, len));
                cursors.add(new ColumnCursor(s, new PageSource(s, cm, chunk, executor, budget.holder(index),
                        largestPage)));
            }
            long rows = rg.getNum_rows();
            Values.Cell[] cells = assembler.cells();
            for (long r = 0; r < rows; r++) {
                for (int c = 0; c < cursors.size(); c++) {
                    try {
                        cursors.get(c).next(cells[c]);
                    } catch (CorruptPageException e) {
                        throw new PartFormatException(name + ": column " + specs.get(c).field() + ", row group " + g
                                + ": " + e.getMessage());
                    } catch (IOException e) {
                        throw new PartFormatException(name + ": column " + specs.get(c).field() + ", row group " + g
                                + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
                    }
                }
                rowsIn++;
                String bad = assembler.assemble();
                if (bad != null) {
                    rejections.add(bad, name, rowsIn);
                } else {
                    sink.row(assembler.out, assembler.length, assembler.userHash, assembler.itemHash, assembler.seconds,
                            assembler.fpA, assembler.fpB);
                }
            }
        } finally {
            for (ColumnCursor c : cursors) {
                c.close();
            }
        }
    }

    @Override
    public Rejections rejections() {
        return rejections;
    }

    @Override
    public long rowsIn() {
        return rowsIn;
    }
}
