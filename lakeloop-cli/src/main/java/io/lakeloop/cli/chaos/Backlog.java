package io.lakeloop.cli.chaos;

import io.lakeloop.cli.demo.DemoObserver;
import io.lakeloop.cli.demo.EventFate;
import io.lakeloop.cli.demo.ExpectedEvent;
import io.lakeloop.cli.demo.PacedProducer;
import java.util.Objects;

/**
 * Whether the pipeline has caught up with the producer, stage by stage, from what the observer has seen: Personalize
 * holds every event sent before a moment, the lake every good one. Cursors only move forward, so each check costs
 * about the events that arrived since the last one.
 */
final class Backlog {

    private final PacedProducer producer;
    private final DemoObserver observer;
    private int personalized;
    private int landed;

    Backlog(PacedProducer producer, DemoObserver observer) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    /** Personalize has accepted every event (good or anonymous) of the records sent until {@code sentBeforeMs}. */
    boolean personalizeHasAllSentBefore(long sentBeforeMs) {
        while (personalized < producer.sent() && producer.sentAtMs(personalized) < sentBeforeMs) {
            for (ExpectedEvent e : producer.record(personalized).events()) {
                if (e.fate() != EventFate.BAD && !observer.accepted().contains(e.eventId())) {
                    return false;
                }
            }
            personalized++;
        }
        return true;
    }

    /** The lake holds a row for every good event of the records sent until {@code sentBeforeMs}. */
    boolean lakeHasAllSentBefore(long sentBeforeMs) {
        while (landed < producer.sent() && producer.sentAtMs(landed) < sentBeforeMs) {
            for (ExpectedEvent e : producer.record(landed).events()) {
                if (e.fate() == EventFate.GOOD && !observer.lakeKeys().containsKey(e.eventId())) {
                    return false;
                }
            }
            landed++;
        }
        return true;
    }
}
