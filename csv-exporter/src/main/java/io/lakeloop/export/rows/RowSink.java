package io.lakeloop.export.rows;

/** Where a part reader hands each accepted output row (bytes valid only during the call). */
public interface RowSink {

    void row(byte[] row, int length, long userHash, long itemHash, long epochSeconds, long fingerprintA,
             long fingerprintB) throws InterruptedException;
}
