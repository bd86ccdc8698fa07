package io.lakeloop.export;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;

/**
 * Progress for people: on a terminal a bar redrawn in place (bytes, rows, rate, ETA) a few times a second; when the
 * output is not a terminal (a log, CI) a plain line every {@code plainIntervalMillis}. Whether stderr is a terminal
 * is {@link io.lakeloop.terminal.Terminal}'s call, made once in {@link ExporterMain#main}.
 */
final class ProgressPrinter implements Progress.Listener {

    private static final int BAR = 28;

    private final PrintStream out;
    private final boolean terminal;
    private final long intervalNanos;
    private long lastPrint;
    private boolean drewBar;

    ProgressPrinter(PrintStream out, boolean terminal, long plainIntervalMillis) {
        this.out = Objects.requireNonNull(out, "out");
        this.terminal = terminal;
        this.intervalNanos = (terminal ? 200 : plainIntervalMillis) * 1_000_000L;
        this.lastPrint = System.nanoTime();
    }

    @Override
    public void progress(Progress p) {
        long now = System.nanoTime();
        boolean last = p.partsDone() == p.partsTotal();
        if (!last && now - lastPrint < intervalNanos) {
            return;
        }
        lastPrint = now;
        if (terminal) {
            out.print('\r' + bar(p) + (last ? "\n" : ""));
            drewBar = !last;
        } else {
            out.println(line(p));
        }
        out.flush();
    }

    /** Ends a bar left open by a failed export. */
    void finish() {
        if (drewBar) {
            out.println();
            drewBar = false;
        }
    }

    static String bar(Progress p) {
        int filled = (int) Math.round(p.fraction() * BAR);
        return "[" + "#".repeat(filled) + ".".repeat(BAR - filled) + "] "
                + String.format(Locale.ROOT, "%3d%% %s/%s %,d rows %s/s ETA %s  ", Math.round(p.fraction() * 100),
                size(p.bytesRead()), size(p.bytesTotal()), p.rowsOut(), size((long) p.bytesPerSecond()),
                eta(p.etaSeconds()));
    }

    static String line(Progress p) {
        return String.format(Locale.ROOT, "progress: %d%% %s of %s read, %d of %d parts, %d rows, %s/s, ETA %s",
                Math.round(p.fraction() * 100), size(p.bytesRead()), size(p.bytesTotal()), p.partsDone(),
                p.partsTotal(), p.rowsOut(), size((long) p.bytesPerSecond()), eta(p.etaSeconds()));
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    static String eta(long seconds) {
        if (seconds < 0) {
            return "--:--";
        }
        return seconds >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
