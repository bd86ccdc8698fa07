package io.lakeloop.export;

import io.lakeloop.export.report.Rejections;
import io.lakeloop.export.parquet.PageBudget;
import io.lakeloop.export.rows.Chunk;
import io.lakeloop.export.rows.ChunkPool;
import io.lakeloop.export.rows.ReadAheadStream;
import io.lakeloop.export.rows.RowReader;
import io.lakeloop.export.rows.RowRules;
import io.lakeloop.export.rows.RowSink;
import io.lakeloop.export.source.PartRef;
import io.lakeloop.export.source.PartSource;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * Reads parts ahead of the writer, in parallel and bounded: at most {@code window} parts are open at once, each read
 * by two threads — one downloads and decompresses it a few blocks ahead ({@link ReadAheadStream}), one scans its
 * rows into chunks; a Parquet part by one thread per needed column chunk and one assembling rows — and all parts
 * together hold at most the {@link ChunkPool}'s budget of chunks the writer has not written yet, and the
 * {@link PageBudget} of Parquet pages. The writer takes the parts in list order with {@link #next}, so the output order is the list order
 * however the reading interleaves.
 */
final class PartPipeline implements AutoCloseable {

    /** What a part's queue carries, in this order: one header, chunks, then done or failed. */
    sealed interface Message permits Header, Rows, Done, Failed {
    }

    /** The part's format ({@link io.lakeloop.export.rows.RowReader#format()}) and its header, if any. */
    record Header(String format, List<String> columns) implements Message {
    }

    record Rows(Chunk chunk) implements Message {
    }

    record Done(long rowsIn, Rejections rejections) implements Message {
    }

    /** Any throwable of the part's threads, errors included: the writer must never wait for a dead reader. */
    record Failed(Throwable error) implements Message {
    }

    private final PartSource source;
    private final RowRules rules;
    private final List<PartRef> parts;
    private final ChunkPool pool;
    private final PageBudget pages = PageBudget.forHeap(Runtime.getRuntime().maxMemory());
    private final int window;
    private final ExecutorService executor;
    private final ExecutorService readAhead;
    private final LongAdder bytesRead = new LongAdder();
    private final Job[] jobs;
    private int submitted;

    PartPipeline(PartSource source, RowRules rules, List<PartRef> parts, ChunkPool pool, int threads, int window) {
        this.source = source;
        this.rules = rules;
        this.parts = List.copyOf(parts);
        this.pool = pool;
        this.window = Math.max(1, window);
        this.executor = Executors.newFixedThreadPool(Math.max(1, threads), Background.daemons("csv-exporter-read"));
        // one task per running part (at most `threads`), never queued behind a task that waits on the writer
        this.readAhead = Executors.newCachedThreadPool(Background.daemons("csv-exporter-gunzip"));
        this.jobs = new Job[this.parts.size()];
    }

    long bytesRead() {
        return bytesRead.sum();
    }

    /** The queue of part {@code i}, after starting the reads up to {@code i + window - 1}. */
    BlockingQueue<Message> next(int i) {
        pool.head(i);
        pages.head(i);
        while (submitted < parts.size() && submitted < i + window) {
            Job job = new Job(submitted, parts.get(submitted));
            jobs[submitted++] = job;
            executor.execute(job);
        }
        BlockingQueue<Message> q = jobs[i].queue;
        jobs[i] = null;
        return q;
    }

    @Override
    public void close() {
        executor.shutdownNow();
        readAhead.shutdownNow();
    }

    private final class Job implements Runnable, RowSink {
        private final int index;
        private final PartRef part;
        private final BlockingQueue<Message> queue = new LinkedBlockingQueue<>(); // bounded by the pool's budget
        private Chunk chunk;

        Job(int index, PartRef part) {
            this.index = index;
            this.part = part;
        }

        @Override
        public void run() {
            try (PartOpener.Opened opened = PartOpener.open(source, part, rules, readAhead, bytesRead, pages,
                    index)) {
                RowReader reader = opened.reader();
                queue.put(new Header(reader.format(), reader.header()));
                reader.readRows(this);
                if (chunk != null && !chunk.isEmpty()) {
                    queue.put(new Rows(chunk));
                    chunk = null;
                }
                queue.put(new Done(reader.rowsIn(), reader.rejections()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the export was abandoned
            } catch (Throwable e) { // an Error too (StackOverflowError, OutOfMemoryError...): else the writer hangs
                try {
                    queue.put(new Failed(e));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void row(byte[] row, int length, long user, long item, long ts, long a, long b)
                throws InterruptedException {
            if (chunk == null) {
                chunk = pool.take(index);
            }
            if (!chunk.fits(length)) {
                if (!chunk.isEmpty()) {
                    queue.put(new Rows(chunk));
                    chunk = pool.take(index);
                }
                if (!chunk.fits(length)) { // a row longer than a chunk (rows are capped, chunks are not smaller)
                    throw new IllegalStateException("a row of " + length + " bytes exceeds the chunk size");
                }
            }
            chunk.add(row, length, user, item, ts, a, b);
        }
    }
}
