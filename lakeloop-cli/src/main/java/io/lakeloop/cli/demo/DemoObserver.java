package io.lakeloop.cli.demo;

import io.lakeloop.lake.Csv;
import io.lakeloop.lake.LakeColumn;
import io.lakeloop.lake.LakeRow;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Watches every stage of the loop for one demo run, from the outside and through each stage's own interface: the
 * emulator's record of accepted events, the raw objects in the upstream bucket, the collated topic, the lake table's
 * objects and the dead-letter topic. Only this run's events count (every id of a run starts with its run id). A stage
 * that cannot be read right now (a fault scenario took it down) is skipped until the next look.
 */
public final class DemoObserver implements AutoCloseable {

    private final TargetsAndReaders io;
    private final String runPrefix;
    private volatile ExpectedCounts expected;

    private final AcceptedEvents accepted;
    private final AcceptedFeed feed;
    private final List<String> collatedIds = new ArrayList<>();
    private final ObjectTally<Long> upstream;
    private final ObjectTally<List<String>> lake;
    private final Map<String, String> lakeKeyOf = new HashMap<>();
    private java.time.Instant start;
    private final Map<String, Double> reached = new java.util.LinkedHashMap<>();
    private final Map<String, String> unreadable = new java.util.TreeMap<>();

    /** The stages' own interfaces the observer reads. */
    private record TargetsAndReaders(LakeTargets targets, TopicReader collatedTopic,
                                     DeadLetterWatch collatorDeadLetters, Map<String, DeadLetterWatch> sinkDeadLetters) {
    }

    /**
     * @param sinkDeadLetters the connectors' dead-letter topics by stage name ({@link DemoExpectations#UPSTREAM_DLQ},
     *                        {@link DemoExpectations#PERSONALIZE_DLQ}, {@link DemoExpectations#LAKE_DLQ})
     */
    public DemoObserver(Clickstream stream, LakeTargets targets, EmulatorClient emulator, BucketReader buckets,
                        TopicReader collatedTopic, DeadLetterWatch collatorDeadLetters,
                        Map<String, DeadLetterWatch> sinkDeadLetters) {
        Objects.requireNonNull(targets, "targets");
        this.io = new TargetsAndReaders(targets, collatedTopic, collatorDeadLetters,
                new java.util.LinkedHashMap<>(sinkDeadLetters));
        this.expected = new ExpectedCounts(stream);
        this.runPrefix = stream.runId() + "-";
        this.accepted = new AcceptedEvents(runPrefix);
        this.feed = new AcceptedFeed(emulator, accepted);
        this.upstream = new ObjectTally<>(buckets, targets.upstreamBucket(), targets.upstreamPrefix(),
                text -> text.lines().filter(l -> l.contains(runPrefix)).count());
        this.lake = new ObjectTally<>(buckets, targets.lakeBucket(), targets.lakePrefix(stream.day()),
                text -> lakeEventIds(text, targets.lakeColumns(), runPrefix));
    }

    /**
     * From now on, what the stages must hold is {@code produced}: a run at a steady rate with faults stops producing
     * once the last fault has drained, before the end of the stream generated for its longest run.
     */
    public void expect(Clickstream produced) {
        this.expected = new ExpectedCounts(produced);
    }

    /** Reads what arrived since the last call at every stage it can reach now. */
    public void observe() {
        feed.readNow();
        if (feed.error() == null) {
            unreadable.remove("personalize");
        } else {
            unreadable.put("personalize", feed.error());
        }
        stage("upstream", upstream::refresh);
        stage("collated", () -> io.collatedTopic().poll(this::collated));
        stage("dead letters", () -> {
            io.collatorDeadLetters().poll();
            io.sinkDeadLetters().values().forEach(DeadLetterWatch::poll);
        });
        stage("lake", () -> {
            lake.refresh((key, ids) -> ids.forEach(id -> lakeKeyOf.putIfAbsent(id, key)));
        });
        noteReached();
    }

    private void stage(String name, Runnable read) {
        try {
            read.run();
            unreadable.remove(name);
        } catch (RuntimeException e) {
            unreadable.put(name, e.getMessage());
        }
    }

    /** The stages that could not be read at the last look, with why. */
    public Map<String, String> unreadable() {
        return java.util.Collections.unmodifiableMap(unreadable);
    }

    /** The moment production starts, from which {@link #secondsToReach()} counts. */
    public void markStart() {
        start = java.time.Instant.now();
        reached.clear();
    }

    private void noteReached() {
        ExpectedCounts e = expected;
        if (e.stream().records().isEmpty()) {
            return; // a live stream still being produced: nothing to reach yet
        }
        reach("personalize", accepted.distinct(), e.personalizeIds().size());
        reach("upstream", upstreamRecords(), e.upstreamRecords());
        reach("collated", collatedIds.size(), e.lakeIds().size());
        reach("lake", lakeRows(), e.lakeIds().size());
        reach("dead-lettered", io.collatorDeadLetters().count(), e.rejected());
    }

    private void reach(String stage, long observed, long expected) {
        if (start != null && observed >= expected && !reached.containsKey(stage)) {
            reached.put(stage, java.time.Duration.between(start, java.time.Instant.now()).toMillis() / 1000.0);
        }
    }

    /**
     * Seconds from the start of production until each stage held all it must (as often as the demo looks: about
     * once a second, and objects in S3 appear when the sinks rotate).
     */
    public Map<String, Double> secondsToReach() {
        return new java.util.LinkedHashMap<>(reached);
    }

    private void collated(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return;
        }
        String json = new String(record.value(), StandardCharsets.UTF_8);
        if (json.contains(runPrefix)) {
            String id = LakeRow.fromJson(json).eventId();
            if (id != null && id.startsWith(runPrefix)) {
                collatedIds.add(id);
            }
        }
    }

    /** The EVENT_ID of every lake row of this run in one lake part (CSV, header row optional). */
    static List<String> lakeEventIds(String csv, List<LakeColumn> defaultColumns, String runPrefix) {
        List<String> ids = new ArrayList<>();
        Csv.Parser parser = new Csv.Parser(new StringReader(csv));
        int idColumn = defaultColumns.indexOf(LakeColumn.EVENT_ID);
        boolean first = true;
        for (List<String> row = parser.next(); row != null; row = parser.next()) {
            if (first && !row.isEmpty() && "USER_ID".equals(row.get(0).toUpperCase(Locale.ROOT))) {
                idColumn = indexOf(row, LakeColumn.EVENT_ID.name());
                first = false;
                continue;
            }
            first = false;
            if (idColumn >= 0 && idColumn < row.size() && row.get(idColumn).startsWith(runPrefix)) {
                ids.add(row.get(idColumn));
            }
        }
        return ids;
    }

    private static int indexOf(List<String> header, String name) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    public List<String> emulatorIds() {
        return List.copyOf(accepted.deliveries());
    }

    /**
     * Accepted records the emulator dropped (its memory bound) before the demo could read them: the Personalize stage
     * then cannot be checked exactly.
     */
    public long personalizeUnread() {
        return feed.missed();
    }

    /**
     * Accepted events the emulator dropped before the demo read them through its API, read from its journal instead
     * (they count in every check; their acceptance time is unknown, so the latency figures leave them out).
     */
    public long personalizeReadFromJournal() {
        return feed.readFromJournal();
    }

    /** What Personalize accepted of this run, with acceptance times and repeats. */
    public AcceptedEvents accepted() {
        return accepted;
    }

    public long upstreamRecords() {
        return upstream.values().stream().mapToLong(Long::longValue).sum();
    }

    public List<String> collatedIds() {
        return List.copyOf(collatedIds);
    }

    public List<String> lakeIds() {
        List<String> ids = new ArrayList<>();
        lake.values().forEach(ids::addAll);
        return ids;
    }

    private long lakeRows() {
        return lake.values().stream().mapToLong(List::size).sum();
    }

    /** The lake object (key in the lake bucket) that holds each event's row. */
    public Map<String, String> lakeKeys() {
        return java.util.Collections.unmodifiableMap(lakeKeyOf);
    }

    public String lakeBucket() {
        return lake.bucket();
    }

    public Map<String, Long> deadLetterReasons() {
        return io.collatorDeadLetters().reasons();
    }

    public long deadLetterCount() {
        return io.collatorDeadLetters().count();
    }

    public long deadLetterDeliveries() {
        return io.collatorDeadLetters().deliveries();
    }

    public Map<String, DeadLetterWatch> sinkDeadLetters() {
        return java.util.Collections.unmodifiableMap(io.sinkDeadLetters());
    }

    /** True once Personalize holds every event it must. */
    public boolean emulatorComplete() {
        ExpectedCounts e = expected;
        return accepted.distinct() == e.personalizeIds().size()
                && e.personalizeIds().stream().allMatch(accepted::contains);
    }

    /** True once every stage holds exactly what it must (the export comes after). */
    public boolean complete() {
        ExpectedCounts e = expected;
        List<String> lakeIds = lakeIds();
        if (!emulatorComplete() || upstreamRecords() != e.upstreamRecords()
                || collatedIds.size() != e.lakeIds().size()
                || lakeIds.size() != e.lakeIds().size() || !new HashSet<>(lakeIds).equals(e.lakeIds())
                || !io.collatorDeadLetters().reasons().equals(e.deadLetterReasons())
                || io.collatorDeadLetters().deliveries() != io.collatorDeadLetters().count()) {
            return false;
        }
        for (Map.Entry<String, DeadLetterWatch> sink : io.sinkDeadLetters().entrySet()) {
            if (sink.getValue().count() != e.sinkDeadLetters(sink.getKey())) {
                return false;
            }
        }
        return true;
    }

    public String progressLine() {
        ExpectedCounts e = expected;
        // while a live stream is produced, what is expected is not known yet: only what arrived
        boolean known = !e.stream().records().isEmpty();
        Map<String, String> parts = new java.util.LinkedHashMap<>();
        parts.put("personalize", accepted.distinct() + (known ? "/" + e.personalizeIds().size() : ""));
        parts.put("upstream", upstreamRecords() + (known ? "/" + e.upstreamRecords() : ""));
        parts.put("collated", collatedIds.size() + (known ? "/" + e.lakeIds().size() : ""));
        parts.put("lake", lakeRows() + (known ? "/" + e.lakeIds().size() : ""));
        parts.put("dead-lettered", deadLetterCount() + (known ? "/" + e.rejected() : ""));
        StringBuilder sb = new StringBuilder();
        parts.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "  ").append(k).append(' ').append(v));
        if (!unreadable.isEmpty()) {
            sb.append("  (unreachable now: ").append(String.join(", ", unreadable.keySet())).append(')');
        }
        return sb.toString();
    }

    @Override
    public void close() {
        feed.close();
        io.collatedTopic().close();
        io.collatorDeadLetters().close();
        io.sinkDeadLetters().values().forEach(DeadLetterWatch::close);
    }
}
