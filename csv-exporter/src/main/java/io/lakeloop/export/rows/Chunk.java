package io.lakeloop.export.rows;

/**
 * A run of whole output rows (UTF-8 CSV, CRLF-terminated) with, per row, what the in-order consumer needs without
 * parsing again: the row's end offset, 64-bit hashes of its user and item ids, its timestamp in epoch seconds and
 * its de-duplication fingerprint (two longs; both zero when the row has no key). Filled by one part-reading thread,
 * then handed to the consumer; not thread-safe.
 */
public final class Chunk {

    public static final int DEFAULT_BYTES = 128 * 1024;
    public static final int DEFAULT_ROWS = 4096;

    private final byte[] data;
    private int length;
    private int rows;
    private final int[] rowEnd;
    private final long[] user;
    private final long[] item;
    private final long[] timestamp;
    private final long[] fpA;
    private final long[] fpB;

    public Chunk(int bytes, int maxRows) {
        this.data = new byte[bytes];
        this.rowEnd = new int[maxRows];
        this.user = new long[maxRows];
        this.item = new long[maxRows];
        this.timestamp = new long[maxRows];
        this.fpA = new long[maxRows];
        this.fpB = new long[maxRows];
    }

    /** About how many heap bytes a chunk of this size takes. */
    public static long footprint(int bytes, int maxRows) {
        return bytes + (long) maxRows * (Integer.BYTES + 5L * Long.BYTES);
    }

    public boolean fits(int rowBytes) {
        return rows < rowEnd.length && length + rowBytes <= data.length;
    }

    public boolean isEmpty() {
        return rows == 0;
    }

    public int capacity() {
        return data.length;
    }

    /** Appends one row; the caller checked {@link #fits}. */
    public void add(byte[] row, int rowLength, long userHash, long itemHash, long epochSeconds, long a, long b) {
        System.arraycopy(row, 0, data, length, rowLength);
        length += rowLength;
        rowEnd[rows] = length;
        user[rows] = userHash;
        item[rows] = itemHash;
        timestamp[rows] = epochSeconds;
        fpA[rows] = a;
        fpB[rows] = b;
        rows++;
    }

    public void clear() {
        length = 0;
        rows = 0;
    }

    public byte[] data() {
        return data;
    }

    public int length() {
        return length;
    }

    public int rows() {
        return rows;
    }

    public int rowStart(int i) {
        return i == 0 ? 0 : rowEnd[i - 1];
    }

    public int rowEnd(int i) {
        return rowEnd[i];
    }

    public long user(int i) {
        return user[i];
    }

    public long item(int i) {
        return item[i];
    }

    public long timestamp(int i) {
        return timestamp[i];
    }

    public long fingerprintA(int i) {
        return fpA[i];
    }

    public long fingerprintB(int i) {
        return fpB[i];
    }
}
