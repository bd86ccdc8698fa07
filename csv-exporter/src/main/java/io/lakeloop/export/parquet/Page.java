package io.lakeloop.export.parquet;

import org.apache.parquet.format.Encoding;

/**
 * One decompressed page of a column chunk: a dictionary page ({@link #dictionary} set), or a data page whose
 * definition levels are {@code [levelsStart, valuesStart)} of {@link #data} (RLE, no length prefix; empty when the
 * column is required) and whose values are {@code [valuesStart, end)}. {@link #footprint} is what it holds of the
 * {@link PageBudget} until the row assembly is done with it.
 */
record Page(int numValues, Encoding encoding, byte[] data, int levelsStart, int valuesStart, int end,
            Dictionary dictionary, long footprint) {

    static final Page END = new Page(0, null, new byte[0], 0, 0, 0, null, 0);
}
