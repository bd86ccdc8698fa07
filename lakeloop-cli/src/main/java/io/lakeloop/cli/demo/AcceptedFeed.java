package io.lakeloop.cli.demo;

import java.util.Objects;

/**
 * Reads what Personalize (the emulator) accepts on a thread of its own, several times a second: the emulator keeps a
 * bounded history and drops its oldest records, so its reader must never fall behind by more than that, whatever
 * the rest of the observer is busy with. Notes the last error (the emulator refuses connections during an outage)
 * and how many records it dropped before they could be read.
 */
final class AcceptedFeed implements AutoCloseable {

    private static final long EVERY_MS = 250;

    private final EmulatorClient emulator;
    private final AcceptedEvents accepted;
    private final Thread thread;
    private volatile boolean stopping;
    private volatile String error;

    AcceptedFeed(EmulatorClient emulator, AcceptedEvents accepted) {
        this.emulator = Objects.requireNonNull(emulator, "emulator");
        this.accepted = Objects.requireNonNull(accepted, "accepted");
        this.thread = new Thread(this::run, "lakeloop-demo-personalize-feed");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        while (!stopping) {
            readNow();
            try {
                Thread.sleep(EVERY_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Reads what is new; also called once more after the flow, so the last look is complete. */
    synchronized void readNow() {
        try {
            emulator.readNewEvents(accepted::accept);
            error = null;
        } catch (RuntimeException e) {
            error = e.getMessage();
        }
    }

    /** Why the last read failed, or null. */
    String error() {
        return error;
    }

    /** Records the emulator dropped before they were read (the check of the Personalize stage is then incomplete). */
    long missed() {
        return emulator.missed();
    }

    /** Records the emulator dropped before they were read through its API, read from its journal instead. */
    long readFromJournal() {
        return emulator.readFromJournal();
    }

    @Override
    public void close() {
        stopping = true;
        thread.interrupt();
    }
}
