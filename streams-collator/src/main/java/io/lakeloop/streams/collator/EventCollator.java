package io.lakeloop.streams.collator;

import io.lakeloop.event.Interaction;
import io.lakeloop.event.InteractionParser;
import io.lakeloop.event.ParseResult;
import io.lakeloop.event.Rejection;
import io.lakeloop.event.ValidationTarget;
import io.lakeloop.lake.LakeRow;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The collator's pure logic: one raw record (either shape of the event contract, as bytes) in, its lake events and
 * its dead letters out. Tracker batches are exploded into one event per element, timestamps are normalised to epoch
 * seconds, each event is validated for the lake ({@link ValidationTarget#LAKE}: USER_ID and ITEM_ID required), and
 * events without a producer id get the content-derived one, so a re-delivered copy has the same id.
 *
 * <p>No Kafka in here. Not thread-safe when it reads "now" from the record ({@code RECORD} reference): use one
 * instance per stream task.
 */
public final class EventCollator {

    private final InteractionParser parser;
    private final RecordClock recordClock;

    private EventCollator(InteractionParser parser, RecordClock recordClock) {
        this.parser = parser;
        this.recordClock = recordClock;
    }

    /** A collator for {@code config}; "now" is the record's timestamp or the wall clock, as configured. */
    public static EventCollator of(CollatorConfig config) {
        if (config.timestampReference() == CollatorConfig.TimestampReference.WALLCLOCK) {
            return of(config, Clock.systemUTC());
        }
        RecordClock clock = new RecordClock();
        return new EventCollator(parser(config, clock), clock);
    }

    /** A collator whose "now" is always {@code clock}, whatever the record's timestamp. */
    public static EventCollator of(CollatorConfig config, Clock clock) {
        return new EventCollator(parser(config, Objects.requireNonNull(clock, "clock")), null);
    }

    private static InteractionParser parser(CollatorConfig config, Clock clock) {
        return new InteractionParser(config.fieldNames(), config.timestampNormalizer(clock), ValidationTarget.LAKE);
    }

    /**
     * @param key             the record key, carried into dead letters unchanged
     * @param value           the record value: UTF-8 JSON, or anything else (which becomes an UNDECODABLE dead letter)
     * @param recordTimestamp the record's timestamp in epoch ms, "now" for the age and skew checks
     */
    public Collation collate(byte[] key, byte[] value, long recordTimestamp) {
        if (recordClock != null) {
            recordClock.set(recordTimestamp);
        }
        ParseResult parsed = parser.parse(value);
        List<CollatedEvent> events = new ArrayList<>(parsed.events().size());
        for (Interaction e : parsed.events()) {
            events.add(new CollatedEvent(e.userId(), e.eventId(), LakeRow.of(e).toJson()));
        }
        List<DeadLetter> dead;
        if (parsed.rejections().isEmpty()) {
            dead = List.of();
        } else {
            dead = new ArrayList<>(parsed.rejections().size());
            for (Rejection r : parsed.rejections()) {
                dead.add(new DeadLetter(key, value, r));
            }
        }
        return new Collation(events, dead);
    }

    /** The lake events and dead letters of one record, in the record's order. */
    public record Collation(List<CollatedEvent> events, List<DeadLetter> deadLetters) {
    }
}
