package io.lakeloop.export;

import io.lakeloop.export.rows.Decompression;
import io.lakeloop.export.parquet.PageBudget;
import io.lakeloop.export.parquet.ParquetPartReader;
import io.lakeloop.export.rows.PartReader;
import io.lakeloop.export.rows.ReadAheadStream;
import io.lakeloop.export.rows.RowReader;
import io.lakeloop.export.rows.RowRules;
import io.lakeloop.export.source.PartRef;
import io.lakeloop.export.source.PartSource;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.LongAdder;

/**
 * Opens one part for reading: its kind is told from its first bytes ({@link Decompression#sniff}), never from its
 * name. A Parquet part is dropped after its first bytes and read with ranged requests ({@link ParquetPartReader});
 * a text part is decompressed (on a read-ahead thread when an executor is given) and handed to the text readers.
 */
final class PartOpener {

    /** An opened part: what its first bytes showed, and the reader of its rows (closed by the caller). */
    record Opened(Decompression.Kind kind, RowReader reader, AutoCloseable resources) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            resources.close();
        }
    }

    private PartOpener() {
    }

    /**
     * @param readAhead where the download and decompression of a text part, or a Parquet part's column chunks, run
     *                  ahead of its rows; {@code null} to read text on the caller's thread (a Parquet part can then
     *                  only be inspected)
     * @param bytesRead counts the bytes read from the source
     */
    static Opened open(PartSource source, PartRef part, RowRules rules, ExecutorService readAhead,
                       LongAdder bytesRead) throws IOException {
        return open(source, part, rules, readAhead, bytesRead, null, -1);
    }

    /** @param pages the export's Parquet page memory, and {@code index} the part's number in output order */
    static Opened open(PartSource source, PartRef part, RowRules rules, ExecutorService readAhead,
                       LongAdder bytesRead, PageBudget pages, int index) throws IOException {
        String name = source.nameOf(part);
        InputStream raw = new Counting(source.open(part), bytesRead);
        InputStream data = raw;
        try {
            Decompression.Sniffed sniffed = Decompression.sniff(raw, name);
            if (sniffed.kind() == Decompression.Kind.PARQUET) {
                raw.close(); // what it needs is read with ranged requests
                return new Opened(sniffed.kind(), ParquetPartReader.open(source, part, rules,
                        in -> new Counting(in, bytesRead), readAhead, pages, index), () -> { });
            }
            data = Decompression.decompress(sniffed, name);
            if (readAhead != null) {
                data = new ReadAheadStream(data, readAhead, ReadAheadStream.DEFAULT_BLOCKS,
                        ReadAheadStream.DEFAULT_BLOCK_SIZE);
            }
            return new Opened(sniffed.kind(), PartReader.open(data, rules, name), data::close);
        } catch (IOException | RuntimeException | Error e) {
            try {
                data.close();
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Counts the bytes read through it. */
    static final class Counting extends FilterInputStream {
        private final LongAdder bytes;

        Counting(InputStream in, LongAdder bytes) {
            super(in);
            this.bytes = bytes;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                bytes.increment();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                bytes.add(n);
            }
            return n;
        }
    }
}
