package io.lakeloop.export;

import io.lakeloop.export.report.ExportStats;
import io.lakeloop.export.rows.Chunk;
import io.lakeloop.export.rows.ChunkPool;
import io.lakeloop.export.rows.Dedupe;
import io.lakeloop.export.rows.FingerprintSet;
import io.lakeloop.export.rows.RowRules;
import io.lakeloop.export.sink.ExportSink;
import io.lakeloop.export.source.PartRef;
import io.lakeloop.export.source.PartSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;

/**
 * Turns the parts of a source into one stream of output rows, in part order: parts are read ahead in parallel by a
 * {@link PartPipeline}; this thread checks each part's header against the first one (a mismatch fails the export,
 * naming both objects), drops duplicates when asked, counts what the report needs, and writes the rows to the sink.
 * Memory is bounded by the pipeline's window, the distinct-count bound and the de-duplication heap bound — never by
 * the input size.
 */
public final class CsvConcatenator {

    /** Tuning that does not change the output. */
    public record Settings(int threads, int window, int exactDistinctLimit, int dedupeHeapKeys, Path spillDir) {
        public Settings {
            if (threads < 1 || window < 1 || exactDistinctLimit < 1 || dedupeHeapKeys < 1) {
                throw new IllegalArgumentException("threads, window and limits must be positive");
            }
            Objects.requireNonNull(spillDir, "spillDir");
        }
    }

    /** What the concatenation did. */
    public record Result(ExportStats stats, int partsRead, long bytesRead) {
    }

    private final PartSource source;
    private final RowRules rules;
    private final Settings settings;
    private final Progress.Listener listener;

    public CsvConcatenator(PartSource source, RowRules rules, Settings settings, Progress.Listener listener) {
        this.source = Objects.requireNonNull(source, "source");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Writes every part's rows to the sink (without committing it). */
    public Result concatenate(List<PartRef> parts, ExportSink sink) throws ExportException, IOException,
            InterruptedException {
        ExportStats stats = new ExportStats(settings.exactDistinctLimit());
        long totalBytes = parts.stream().mapToLong(PartRef::size).sum();
        long started = System.nanoTime();
        ChunkPool pool = ChunkPool.forHeap(Runtime.getRuntime().maxMemory());
        List<String> reference = null;
        String referenceName = null;
        String format = null;
        String formatName = null;
        try (PartPipeline pipeline = new PartPipeline(source, rules, parts, pool, settings.threads(), settings.window());
             FingerprintSet seen = rules.dedupe() == Dedupe.NONE ? null
                     : new FingerprintSet(settings.dedupeHeapKeys(), settings.spillDir())) {
            for (int i = 0; i < parts.size(); i++) {
                String name = source.nameOf(parts.get(i));
                BlockingQueue<PartPipeline.Message> queue = pipeline.next(i);
                while (true) {
                    PartPipeline.Message m = queue.take();
                    if (m instanceof PartPipeline.Header h) {
                        if (format == null) {
                            format = h.format();
                            formatName = name;
                        } else if (!compatible(format, h.format())) {
                            throw new ExportException("mixed formats in one table: " + name + " is " + h.format()
                                    + " but " + formatName + " is " + format + "; export them separately");
                        }
                        if (!h.columns().isEmpty() && reference == null) {
                            reference = h.columns();
                            referenceName = name;
                        } else if (!h.columns().isEmpty() && !h.columns().equals(reference)) {
                            throw new ExportException("header mismatch: " + name + " has columns " + h.columns()
                                    + " but " + referenceName + " has " + reference);
                        }
                    } else if (m instanceof PartPipeline.Rows r) {
                        write(r.chunk(), sink, stats, seen);
                        pool.give(r.chunk());
                        listener.progress(new Progress(pipeline.bytesRead(), totalBytes, stats.rowsOut(), i,
                                parts.size(), System.nanoTime() - started));
                    } else if (m instanceof PartPipeline.Done d) {
                        stats.part(d.rowsIn(), d.rejections());
                        break;
                    } else if (m instanceof PartPipeline.Failed f) {
                        throw failure(name, f.error());
                    }
                }
            }
            listener.progress(new Progress(pipeline.bytesRead(), totalBytes, stats.rowsOut(), parts.size(),
                    parts.size(), System.nanoTime() - started));
            return new Result(stats, parts.size(), pipeline.bytesRead());
        }
    }

    /**
     * Parts of one table share a format: CSV and JSON lines mix (the lake sink writes either), anything else must be
     * the same (Parquet, or text with the same delimiter).
     */
    static boolean compatible(String a, String b) {
        return a.equals(b) || Set.of("csv", "json-lines").containsAll(Set.of(a, b));
    }

    private static ExportException failure(String name, Throwable e) {
        String why = e.getMessage() == null || e instanceof Error ? e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()) : e.getMessage();
        if (why.startsWith(name)) {
            return new ExportException(why, e);
        }
        return new ExportException("cannot read " + name + ": " + why, e);
    }

    /** Writes the chunk's rows that are not duplicates, in runs no longer than the sink takes at once. */
    private static void write(Chunk c, ExportSink sink, ExportStats stats, FingerprintSet seen) throws IOException {
        int maxWrite = sink.maxWrite();
        int runStart = -1;
        for (int r = 0; r < c.rows(); r++) {
            boolean keep = true;
            if (seen != null) {
                long a = c.fingerprintA(r);
                long b = c.fingerprintB(r);
                keep = (a == 0 && b == 0) || seen.add(a, b);
            }
            if (!keep) {
                stats.duplicate();
                if (runStart >= 0) {
                    sink.write(c.data(), runStart, c.rowStart(r) - runStart);
                    runStart = -1;
                }
                continue;
            }
            stats.row(c.user(r), c.item(r), c.timestamp(r));
            if (runStart >= 0 && c.rowEnd(r) - runStart > maxWrite) {
                sink.write(c.data(), runStart, c.rowStart(r) - runStart);
                runStart = -1;
            }
            if (runStart < 0) {
                runStart = c.rowStart(r);
            }
        }
        if (runStart >= 0) {
            sink.write(c.data(), runStart, c.length() - runStart);
        }
    }
}
