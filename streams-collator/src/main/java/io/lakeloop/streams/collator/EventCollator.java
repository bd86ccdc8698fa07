package io.lakeloop.streams.collator;

import io.lakeloop.event.Interaction;
import io.lakeloop.event.InteractionParser;
import io.lakeloop.event.ParseResult;
import io.lakeloop.event.ReasonCode;
import io.lakeloop.event.Rejection;
import io.lakeloop.event.ValidationTarget;
import io.lakeloop.lake.LakeRow;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The collator's pure logic: one raw record (either shape of the event contract, as bytes) in, its lake events and
 * its dead letters out. Tracker batches are exploded into one event per element, timestamps are normalised to epoch
 * seconds, each event is validated for the lake ({@link ValidationTarget#LAKE}: USER_ID and ITEM_ID required), and
 * events without a producer id get the content-derived one, so a re-delivered copy has the same id.
 *
 * <p>Beyond core's validation it decides what is specific to the collator (docs/streams-collator.md, "Hostile
 * input"): a record whose Kafka timestamp lies further ahead of the collator's clock than the future skew is
 * rejected whole ({@link ReasonCode#TIMESTAMP_IN_FUTURE}), so it can never move the dedupe store's time, and a
 * leading UTF-8 byte-order mark is skipped (as Jackson's byte reader and Kafka's JsonConverter do). And it never throws for a record: anything unexpected (including a
 * {@link StackOverflowError}) becomes one {@link DeadLetterReason#PROCESSING_FAILED} dead letter of the whole record.
 *
 * <p>No Kafka in here. Not thread-safe when it reads "now" from the record ({@code RECORD} reference): use one
 * instance per stream task.
 */
public final class EventCollator {

    private final Function<Object, ParseResult> parser;
    private final RecordClock recordClock;
    private final long maxFutureSkewMs;
    private final RecordReader reader = new RecordReader();

    EventCollator(Function<Object, ParseResult> parser, RecordClock recordClock, long maxFutureSkewMs) {
        this.parser = parser;
        this.recordClock = recordClock;
        this.maxFutureSkewMs = maxFutureSkewMs;
    }

    /** A collator for {@code config}; "now" is the record's timestamp or the wall clock, as configured. */
    public static EventCollator of(CollatorConfig config) {
        if (config.timestampReference() == CollatorConfig.TimestampReference.WALLCLOCK) {
            return of(config, Clock.systemUTC());
        }
        RecordClock clock = new RecordClock();
        return new EventCollator(parser(config, clock)::parse, clock, config.maxFutureSkew().toMillis());
    }

    /** A collator whose "now" for the event checks is always {@code clock}, whatever the record's timestamp. */
    public static EventCollator of(CollatorConfig config, Clock clock) {
        return new EventCollator(parser(config, Objects.requireNonNull(clock, "clock"))::parse, null,
                config.maxFutureSkew().toMillis());
    }

    private static InteractionParser parser(CollatorConfig config, Clock clock) {
        return new InteractionParser(config.fieldNames(), config.timestampNormalizer(clock), ValidationTarget.LAKE);
    }

    /**
     * @param key             the record key, carried into dead letters unchanged
     * @param value           the record value: UTF-8 JSON, or anything else (which becomes an UNDECODABLE dead letter)
     * @param recordTimestamp the record's timestamp in epoch ms, "now" for the event checks under {@code RECORD}
     * @param wallClockMs     the collator's clock: no record may be further ahead of it than the future skew
     */
    public Collation collate(byte[] key, byte[] value, long recordTimestamp, long wallClockMs) {
        if (recordTimestamp - wallClockMs > maxFutureSkewMs) {
            return Collation.rejected(key, value, DeadLetterReason.of(Rejection.ofRecord(
                    ReasonCode.TIMESTAMP_IN_FUTURE, null, "the Kafka record timestamp is more than " + maxFutureSkewMs
                            + " ms ahead of the collator's clock")));
        }
        try {
            return collate(key, value, recordTimestamp);
        } catch (VirtualMachineError e) {
            if (!(e instanceof StackOverflowError)) {
                throw e;
            }
            return Collation.rejected(key, value, processingFailed(e));
        } catch (LinkageError e) {
            throw e;
        } catch (Throwable e) {
            return Collation.rejected(key, value, processingFailed(e));
        }
    }

    private Collation collate(byte[] key, byte[] value, long recordTimestamp) {
        if (recordClock != null) {
            recordClock.set(recordTimestamp);
        }
        ParseResult parsed = parser.apply(reader.read(value));
        List<CollatedEvent> events = new ArrayList<>(parsed.events().size());
        List<DeadLetter> dead = new ArrayList<>(parsed.rejections().size());
        for (Rejection r : parsed.rejections()) {
            dead.add(new DeadLetter(key, value, r));
        }
        for (Interaction e : parsed.events()) {
            events.add(new CollatedEvent(e.userId(), e.eventId(), LakeRow.of(e).toJson()));
        }
        return new Collation(events, dead);
    }

    private static DeadLetterReason processingFailed(Throwable e) {
        StackTraceElement[] frames = e.getStackTrace();
        String where = frames.length == 0 ? "" : " at " + frames[0].getClassName() + "." + frames[0].getMethodName()
                + ":" + frames[0].getLineNumber();
        // the type and the place only: exception messages may quote the payload
        return DeadLetterReason.ofRecord(DeadLetterReason.PROCESSING_FAILED, "collating the record failed "
                + "unexpectedly (" + e.getClass().getName() + where + "); the record is kept whole here");
    }

    /** The lake events and dead letters of one record, in the record's order. */
    public record Collation(List<CollatedEvent> events, List<DeadLetter> deadLetters) {

        static Collation rejected(byte[] key, byte[] value, DeadLetterReason reason) {
            return new Collation(List.of(), List.of(new DeadLetter(key, value, reason)));
        }
    }
}
