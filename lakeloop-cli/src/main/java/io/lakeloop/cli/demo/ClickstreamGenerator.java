package io.lakeloop.cli.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakeloop.event.RecordValues;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A realistic synthetic clickstream, pure and seeded: the same settings give the same records, byte for byte.
 * Users and items are Zipf-distributed (a few users and items get most of the traffic); each user visit is a session
 * of several events (views, clicks, add-to-carts, purchases with a value) in time order; about half the sessions
 * arrive as tracker batches ({@code event_list}, epoch seconds) and half as flat events (epoch milliseconds or
 * ISO-8601). A few events are deliberately broken ({@link BadEvents}) and a few are anonymous.
 */
public final class ClickstreamGenerator {

    /**
     * @param events       total number of events (good, anonymous and bad)
     * @param from         earliest event time; {@code to} the latest; both on the same UTC day
     * @param badRatio     share of broken events (at least one of each kind is made)
     * @param anonRatio    share of anonymous events (at least one)
     * @param maxSessionSpanMs longest time between a session's first and last event
     */
    public record Settings(int events, int users, int items, long seed, String runId, Instant from, Instant to,
                           double badRatio, double anonRatio, long maxSessionSpanMs) {

        public Settings {
            Objects.requireNonNull(runId, "runId");
            if (!runId.matches("[a-z0-9]{4,16}")) {
                throw new IllegalArgumentException("runId must be 4..16 lowercase letters or digits: " + runId);
            }
            if (users < 1 || items < 1) {
                throw new IllegalArgumentException("users and items must be at least 1");
            }
            if (!from.isBefore(to) || !from.atZone(ZoneOffset.UTC).toLocalDate()
                    .equals(to.atZone(ZoneOffset.UTC).toLocalDate())) {
                throw new IllegalArgumentException("from must be before to, on the same UTC day: " + from + " " + to);
            }
            if (maxSessionSpanMs < 1) {
                throw new IllegalArgumentException("maxSessionSpanMs must be at least 1: " + maxSessionSpanMs);
            }
            if (events < MIN_EVENTS) {
                throw new IllegalArgumentException("At least " + MIN_EVENTS + " events are needed");
            }
        }

        /** A history: sessions of up to 20 minutes spread over the window (the demo produces it at once). */
        public static Settings defaults(int events, String runId, Instant from, Instant to, long seed) {
            return new Settings(events, Math.max(30, events / 8), Math.max(20, events / 4), seed, runId, from, to,
                    0.01, 0.005, Duration.ofMinutes(20).toMillis());
        }

        /**
         * A live stream, produced in time order at the pace of its timestamps: each session arrives as one burst
         * (within {@value #LIVE_SESSION_SPAN_MS} ms, as a tracker SDK flushes a visit's events), so the Personalize
         * sink can put a session's events in one call as it would in production.
         */
        public static Settings live(int events, String runId, Instant from, Instant to, long seed) {
            return new Settings(events, Math.max(30, events / 8), Math.max(20, events / 4), seed, runId, from, to,
                    0.01, 0.005, LIVE_SESSION_SPAN_MS);
        }

        public static final long LIVE_SESSION_SPAN_MS = 20;

        /** The fewest events a stream can have: one broken event of each kind, and a few good ones. */
        public static final int MIN_EVENTS = BadEvents.KINDS + BadEvents.GOOD_EVENTS_IN_MIXED_BATCH + 3;

        int badCount() {
            return Math.max(BadEvents.KINDS, (int) Math.round(events * badRatio));
        }

        int anonCount() {
            return Math.max(1, (int) Math.round(events * anonRatio));
        }

    }

    private static final String[] DEVICES = {"mobile", "desktop", "tablet"};
    private static final String[] PAGES = {"home", "search", "category", "product", "cart"};

    private final Settings settings;
    private final SplittableRandom random;
    private final Zipf users;
    private final Zipf items;
    private final List<DemoRecord> records = new ArrayList<>();
    private int eventSeq;
    private int sessionSeq;

    private ClickstreamGenerator(Settings settings) {
        this.settings = settings;
        this.random = new SplittableRandom(settings.seed());
        this.users = new Zipf(settings.users(), 0.9);
        this.items = new Zipf(settings.items(), 1.05);
    }

    public static Clickstream generate(Settings settings) {
        return new ClickstreamGenerator(settings).run();
    }

    /** One piece of a stream generated piece by piece: its records, and the last event and session numbers used. */
    public record Piece(Clickstream stream, int lastEvent, int lastSession) {
    }

    /**
     * Generates the piece of a longer stream that follows a piece whose last event and session numbers were
     * {@code afterEvent} and {@code afterSession}, so ids stay unique across pieces (a live stream, generated as it
     * is produced).
     */
    public static Piece generateAfter(Settings settings, int afterEvent, int afterSession) {
        ClickstreamGenerator generator = new ClickstreamGenerator(settings);
        generator.eventSeq = afterEvent;
        generator.sessionSeq = afterSession;
        Clickstream stream = generator.run();
        return new Piece(stream, generator.eventSeq, generator.sessionSeq);
    }

    private Clickstream run() {
        BadEvents bad = new BadEvents(this);
        for (int i = 0; i < settings.badCount(); i++) {
            records.add(bad.make(i));
        }
        for (int i = 0; i < settings.anonCount(); i++) {
            records.add(anonymous());
        }
        long good = settings.events() - countEvents();
        while (good > 0) {
            int length = (int) Math.min(good, sessionLength());
            sessionRecords(length);
            good -= length;
        }
        records.sort(Comparator.comparingLong(DemoRecord::timestampMs));
        return new Clickstream(settings.runId(), settings.from().atZone(ZoneOffset.UTC).toLocalDate(), records);
    }

    private long countEvents() {
        return records.stream().mapToLong(r -> r.events().size()).sum();
    }

    private int sessionLength() {
        int length = 2;
        while (length < 15 && random.nextDouble() < 0.78) {
            length++;
        }
        return length;
    }

    /** A session of {@code length} good events of one user, as tracker batches or as flat events. */
    private void sessionRecords(int length) {
        String user = userId(users.sample(random));
        String session = sessionId();
        List<Instant> times = sessionTimes(length);
        List<ObjectNode> events = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            events.add(goodEvent(i == 0 ? "view" : nextEventType()));
        }
        if (random.nextBoolean()) {
            for (int start = 0; start < length; start += 10) {
                int end = Math.min(length, start + 10);
                records.add(Payloads.trackerBatch(user, session, events.subList(start, end),
                        times.subList(start, end), user, EventFate.GOOD));
            }
        } else {
            for (int i = 0; i < length; i++) {
                records.add(Payloads.flat(user, session, events.get(i), times.get(i), random.nextBoolean(), user,
                        EventFate.GOOD, null));
            }
        }
    }

    private DemoRecord anonymous() {
        String session = sessionId();
        ObjectNode event = goodEvent("view");
        return Payloads.flat(null, session, event, randomTime(), false, session, EventFate.ANONYMOUS,
                io.lakeloop.event.ReasonCode.MISSING_FIELD);
    }

    /** A valid event in the tracker's field names; {@link Payloads} renames for the flat shape. */
    ObjectNode goodEvent(String type) {
        ObjectNode event = RecordValues.JSON.createObjectNode();
        event.put("eventType", type);
        event.put("itemId", itemId(items.sample(random)));
        event.put("eventId", nextEventId());
        if ("purchase".equals(type)) {
            event.put("eventValue", Math.round((5 + random.nextDouble() * 195) * 100) / 100.0);
        }
        if (random.nextDouble() < 0.4) {
            ObjectNode props = RecordValues.JSON.createObjectNode();
            props.put("device", DEVICES[random.nextInt(DEVICES.length)]);
            props.put("page", PAGES[random.nextInt(PAGES.length)]);
            event.put("properties", props.toString());
        }
        if ("view".equals(type) && random.nextDouble() < 0.3) {
            event.put("recommendationId", "rec-" + Integer.toHexString(random.nextInt(1 << 24)));
            var impression = event.putArray("impression");
            int shown = 3 + random.nextInt(6);
            for (int i = 0; i < shown; i++) {
                impression.add(itemId(items.sample(random)));
            }
        }
        return event;
    }

    private String nextEventType() {
        double u = random.nextDouble();
        return u < 0.55 ? "view" : u < 0.82 ? "click" : u < 0.95 ? "add_to_cart" : "purchase";
    }

    private List<Instant> sessionTimes(int length) {
        long window = Duration.between(settings.from(), settings.to()).toMillis();
        long span = Math.min(window / 2, settings.maxSessionSpanMs());
        long start = settings.from().toEpochMilli() + (long) (random.nextDouble() * (window - span));
        // a visit of minutes: at least a second between clicks; a live burst: anywhere within its span
        long minStep = span / Math.max(1, length) >= 1000 ? 1000 : 0;
        List<Instant> times = new ArrayList<>();
        long t = start;
        for (int i = 0; i < length; i++) {
            times.add(Instant.ofEpochMilli(t));
            t = Math.min(t + minStep + random.nextLong(Math.max(1, span / Math.max(1, length))),
                    settings.to().toEpochMilli());
        }
        return times;
    }

    Instant randomTime() {
        long window = Duration.between(settings.from(), settings.to()).toMillis();
        return Instant.ofEpochMilli(settings.from().toEpochMilli() + (long) (random.nextDouble() * window));
    }

    String userId(int rank) {
        return settings.runId() + "-u" + String.format("%05d", rank + 1);
    }

    String itemId(int rank) {
        return "item-" + String.format("%05d", rank + 1);
    }

    String randomUser() {
        return userId(users.sample(random));
    }

    String sessionId() {
        return settings.runId() + "-s" + String.format("%06d", ++sessionSeq);
    }

    String nextEventId() {
        return settings.runId() + "-e" + String.format("%07d", ++eventSeq);
    }

    SplittableRandom random() {
        return random;
    }
}
