package io.lakeloop.export.parquet;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.DataPageHeader;
import org.apache.parquet.format.DataPageHeaderV2;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.Util;

/**
 * Streams the pages of one column chunk on a thread of its own: reads each page header (Thrift) and page from the
 * chunk's ranged stream, decompresses it and decodes a dictionary page, a couple of pages ahead of the row assembly.
 * So a part's columns download and decompress in parallel, and a row group is never held whole: memory is a few
 * pages per column. Errors surface at the consumer's next {@link #take()}.
 */
final class PageSource implements AutoCloseable {

    /** Thrift and array limits; the heap's limit is {@link PageBudget#largestPage}. */
    static final int MAX_PAGE_BYTES = Integer.MAX_VALUE - 64;
    private static final int AHEAD = 2;

    private record Failure(Throwable error) {
    }

    private final ColumnSpec spec;
    private final ColumnMetaData meta;
    private final PageBudget.Holder budget;
    private final long largestPage;
    private final InputStream in;
    private final BlockingQueue<Object> pages = new ArrayBlockingQueue<>(AHEAD + 1);
    private final Future<?> producer;
    private boolean ended;
    private final java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);

    PageSource(ColumnSpec spec, ColumnMetaData meta, InputStream chunk, ExecutorService executor,
               PageBudget.Holder budget, long largestPage) {
        this.spec = spec;
        this.meta = meta;
        this.budget = budget;
        this.largestPage = largestPage;
        this.in = new BufferedInputStream(chunk, 128 * 1024);
        this.producer = executor.submit(this::produce);
    }

    /** Gives back what a page held of the budget, once the row assembly is done with it. */
    void done(Page p) {
        if (p != null && p != Page.END) { // an empty page too: it counts as held
            budget.release(p.footprint());
        }
    }

    /** The next page, or {@link Page#END} after the chunk's last one. */
    Page take() throws IOException, InterruptedException {
        if (ended) {
            return Page.END;
        }
        Object o = pages.take();
        if (o instanceof Failure f) {
            ended = true;
            Throwable t = f.error();
            if (t instanceof IOException io) {
                throw io;
            }
            if (t instanceof RuntimeException r) {
                throw r;
            }
            throw (Error) t;
        }
        ended = o == Page.END;
        return (Page) o;
    }

    private void produce() {
        try {
            produceAll();
        } finally {
            finished.countDown();
        }
    }

    private void produceAll() {
        try {
            try {
                long values = 0;
                while (values < meta.getNum_values()) {
                    PageHeader h = Util.readPageHeader(in);
                    int size = h.getCompressed_page_size();
                    int full = h.getUncompressed_page_size();
                    if (size < 0 || full < 0 || size > MAX_PAGE_BYTES || full > MAX_PAGE_BYTES) {
                        throw new CorruptPageException("a page header says " + size + " bytes (" + full
                                + " uncompressed)");
                    }
                    long footprint = (long) size + full;
                    if (footprint > largestPage) {
                        throw new CorruptPageException(String.format(java.util.Locale.ROOT, "a page of %.1f MiB "
                                + "(%.1f MiB uncompressed) does not fit this heap, which takes pages of up to %.1f MiB "
                                + "in all: give the JVM a larger -Xmx (about three times the page)", size / 1048576.0,
                                full / 1048576.0, largestPage / 1048576.0));
                    }
                    budget.acquire(footprint);
                    byte[] raw;
                    try {
                        raw = in.readNBytes(size);
                    } catch (IOException | RuntimeException e) {
                        budget.release(footprint);
                        throw e;
                    }
                    if (raw.length < size) {
                        budget.release(footprint);
                        throw new CorruptPageException("the column chunk ends inside a page (truncated part?)");
                    }
                    Page page;
                    try {
                        page = switch (h.getType()) {
                            case DICTIONARY_PAGE -> dictionary(h, raw, footprint);
                            case DATA_PAGE -> v1(h.getData_page_header(), raw, full, footprint);
                            case DATA_PAGE_V2 -> v2(h.getData_page_header_v2(), raw, full, footprint);
                            default -> null; // index pages and anything newer carry no values
                        };
                    } catch (IOException | RuntimeException | Error e) {
                        budget.release(footprint);
                        throw e;
                    }
                    if (page == null) {
                        budget.release(footprint);
                        continue;
                    }
                    values += page.numValues();
                    pages.put(page);
                }
                pages.put(Page.END);
            } catch (IOException | RuntimeException | Error e) {
                pages.put(new Failure(e));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closed by the consumer
        }
    }

    private Page dictionary(PageHeader h, byte[] raw, long footprint) throws IOException {
        if (!h.isSetDictionary_page_header()) {
            throw new CorruptPageException("a dictionary page without its header");
        }
        Encoding e = h.getDictionary_page_header().getEncoding();
        if (e != Encoding.PLAIN && e != Encoding.PLAIN_DICTIONARY) {
            throw new CorruptPageException("a dictionary page encoded " + e);
        }
        byte[] data = Codecs.decompress(meta.getCodec(), raw, 0, raw.length, h.getUncompressed_page_size());
        int n = h.getDictionary_page_header().getNum_values();
        Dictionary d = Dictionary.decode(spec.type(), spec.typeLength(), data, 0, data.length, n);
        return new Page(0, e, data, 0, 0, 0, d, footprint);
    }

    private Page v1(DataPageHeader h, byte[] raw, int full, long footprint) throws IOException {
        if (h == null) {
            throw new CorruptPageException("a data page without its header");
        }
        byte[] data = Codecs.decompress(meta.getCodec(), raw, 0, raw.length, full);
        int levels = 0;
        int values = 0;
        if (spec.optional()) {
            if (h.getDefinition_level_encoding() != Encoding.RLE) {
                throw new CorruptPageException("definition levels encoded " + h.getDefinition_level_encoding());
            }
            int len = Bytes.int32(data, 0, data.length);
            Bytes.need(4, len, data.length);
            levels = 4;
            values = 4 + len;
        }
        return new Page(count(h.getNum_values()), h.getEncoding(), data, levels, values, data.length, null,
                footprint);
    }

    private Page v2(DataPageHeaderV2 h, byte[] raw, int full, long footprint) throws IOException {
        if (h == null) {
            throw new CorruptPageException("a data page without its header");
        }
        int rl = h.getRepetition_levels_byte_length();
        int dl = h.getDefinition_levels_byte_length();
        if (rl != 0) {
            throw new CorruptPageException("repetition levels in a column that is not repeated");
        }
        if (dl < 0 || dl > raw.length || dl > full) {
            throw new CorruptPageException("definition levels of " + dl + " bytes in a page of " + raw.length);
        }
        boolean compressed = !h.isSetIs_compressed() || h.isIs_compressed();
        byte[] data = new byte[full];
        System.arraycopy(raw, 0, data, 0, dl);
        if (compressed) {
            byte[] v = Codecs.decompress(meta.getCodec(), raw, dl, raw.length - dl, full - dl);
            System.arraycopy(v, 0, data, dl, v.length);
        } else if (raw.length != full) {
            throw new CorruptPageException("an uncompressed page of " + raw.length + " bytes says it has " + full);
        } else {
            System.arraycopy(raw, dl, data, dl, full - dl);
        }
        int levels = spec.optional() ? 0 : dl;
        return new Page(count(h.getNum_values()), h.getEncoding(), data, levels, dl, data.length, null,
                footprint);
    }

    private static int count(int n) throws CorruptPageException {
        if (n < 0) {
            throw new CorruptPageException("a page of " + n + " values");
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        producer.cancel(true);
        try {
            in.close(); // a producer inside a read (not interruptible) fails out of it
        } finally {
            try {
                finished.await(); // then no page can be put after the ones given back here
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (Object o; (o = pages.poll()) != null; ) {
                if (o instanceof Page p) {
                    done(p);
                }
            }
        }
    }
}
