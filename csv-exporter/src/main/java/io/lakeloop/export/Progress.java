package io.lakeloop.export;

/**
 * How far an export is: compressed bytes read of the listed total, rows written, parts finished.
 *
 * @param bytesRead  bytes of the parts read so far, as stored (compressed)
 * @param bytesTotal the listed size of all parts
 */
public record Progress(long bytesRead, long bytesTotal, long rowsOut, int partsDone, int partsTotal,
                       long elapsedNanos) {

    /** Listens to progress; called from the writing thread, often (a listener throttles itself). */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = p -> { };

        void progress(Progress p);
    }

    public double fraction() {
        return bytesTotal <= 0 ? 1.0 : Math.min(1.0, (double) bytesRead / bytesTotal);
    }

    /** Bytes read per second so far. */
    public double bytesPerSecond() {
        return elapsedNanos <= 0 ? 0 : bytesRead * 1e9 / elapsedNanos;
    }

    /** Estimated seconds left, or -1 when unknown. */
    public long etaSeconds() {
        double rate = bytesPerSecond();
        return rate <= 0 ? -1 : (long) Math.ceil((bytesTotal - bytesRead) / rate);
    }
}
