package io.lakeloop.cli.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A live clickstream generated piece by piece as it is produced (each piece, usually {@link #PIECE} of event time, at
 * the run's rate, with ids that continue from the piece before), so a run can go on for as long as its faults take without
 * holding a stream generated for the longest run. The next piece is generated on a thread of its own while the current
 * one is produced. Ends at {@code until}, or never is longer than that.
 */
public final class LiveStream implements AutoCloseable {

    /** The event time one piece covers. */
    public static final Duration PIECE = Duration.ofSeconds(10);

    private final String runId;
    private final double perSecond;
    private final long seed;
    private final Instant until;
    private final Duration piece;
    private final ExecutorService generator = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "lakeloop-demo-generator");
        t.setDaemon(true);
        return t;
    });
    private Instant next;
    private int pieces;
    private CompletableFuture<ClickstreamGenerator.Piece> ahead;

    /**
     * Events stamped from {@code from} on, {@code perSecond} of them per second of event time, until {@code until}, in
     * pieces of {@code piece} (a piece as long as the stream makes it exactly {@code perSecond} × its length).
     */
    public LiveStream(String runId, Instant from, Instant until, double perSecond, Duration piece, long seed) {
        this.runId = Objects.requireNonNull(runId, "runId");
        this.piece = Objects.requireNonNull(piece, "piece");
        this.next = Objects.requireNonNull(from, "from");
        this.until = Objects.requireNonNull(until, "until");
        this.perSecond = perSecond;
        this.seed = seed;
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("The rate must be above 0 events/s: " + perSecond);
        }
        Instant first = from;
        ahead = CompletableFuture.supplyAsync(() -> piece(first, 0, 0, 0), generator);
    }

    /** The next piece's records in time order; empty once the stream has reached its end. */
    public synchronized List<DemoRecord> nextPiece() {
        if (ahead == null) {
            return List.of();
        }
        ClickstreamGenerator.Piece done = ahead.join();
        pieces++;
        next = next.plus(this.piece);
        if (next.isBefore(until)) {
            Instant from = next;
            int index = pieces;
            ahead = CompletableFuture.supplyAsync(() -> piece(from, done.lastEvent(), done.lastSession(), index),
                    generator);
        } else {
            ahead = null;
        }
        return done.stream().records();
    }

    private ClickstreamGenerator.Piece piece(Instant from, int afterEvent, int afterSession, int index) {
        Instant to = from.plus(piece).isAfter(until) ? until : from.plus(piece);
        int events = (int) Math.max(ClickstreamGenerator.Settings.MIN_EVENTS,
                Math.round(perSecond * Duration.between(from, to).toMillis() / 1000.0));
        return ClickstreamGenerator.generateAfter(ClickstreamGenerator.Settings.live(events, runId, from, to,
                seed + index), afterEvent, afterSession);
    }

    @Override
    public void close() {
        generator.shutdownNow();
    }
}
