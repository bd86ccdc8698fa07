package io.lakeloop.cli.demo;

import io.lakeloop.lake.Csv;
import io.lakeloop.lake.LakeColumn;
import io.lakeloop.lake.LakeRow;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Watches every stage of the loop for one demo run, from the outside and through each stage's own interface: the
 * emulator's record of accepted events, the raw objects in the upstream bucket, the collated topic, the lake table's
 * objects and the dead-letter topic. Only this run's events count (every id of a run starts with its run id).
 */
public final class DemoObserver implements AutoCloseable {

    private final Clickstream stream;
    private final LakeTargets targets;
    private final EmulatorClient emulator;
    private final BucketReader buckets;
    private final TopicReader collatedTopic;
    private final DeadLetterWatch collatorDeadLetters;
    private final Map<String, DeadLetterWatch> sinkDeadLetters;
    private final String runPrefix;

    private final List<String> emulatorIds = new ArrayList<>();
    private final List<String> collatedIds = new ArrayList<>();
    private long upstreamRecords;
    private List<String> lakeIds = List.of();
    private java.time.Instant start;
    private final Map<String, Double> reached = new java.util.LinkedHashMap<>();

    /**
     * @param sinkDeadLetters the connectors' dead-letter topics by stage name ({@link DemoExpectations#UPSTREAM_DLQ},
     *                        {@link DemoExpectations#PERSONALIZE_DLQ}, {@link DemoExpectations#LAKE_DLQ})
     */
    public DemoObserver(Clickstream stream, LakeTargets targets, EmulatorClient emulator, BucketReader buckets,
                        TopicReader collatedTopic, DeadLetterWatch collatorDeadLetters,
                        Map<String, DeadLetterWatch> sinkDeadLetters) {
        this.stream = Objects.requireNonNull(stream, "stream");
        this.targets = Objects.requireNonNull(targets, "targets");
        this.emulator = emulator;
        this.buckets = buckets;
        this.collatedTopic = collatedTopic;
        this.collatorDeadLetters = collatorDeadLetters;
        this.sinkDeadLetters = new java.util.LinkedHashMap<>(sinkDeadLetters);
        this.runPrefix = stream.runId() + "-";
    }

    /** Reads what arrived since the last call at every stage. */
    public void observe() {
        emulator.readNewEvents(event -> {
            String id = event.path("eventId").asText("");
            if (id.startsWith(runPrefix)) {
                emulatorIds.add(id);
            }
        });
        upstreamRecords = buckets.objects(targets.upstreamBucket(), targets.upstreamPrefix()).values().stream()
                .mapToLong(text -> text.lines().filter(l -> l.contains(runPrefix)).count()).sum();
        collatedTopic.poll(this::collated);
        collatorDeadLetters.poll();
        sinkDeadLetters.values().forEach(DeadLetterWatch::poll);
        List<String> ids = new ArrayList<>();
        buckets.objects(targets.lakeBucket(), targets.lakePrefix(stream.day())).values()
                .forEach(text -> ids.addAll(lakeEventIds(text, targets.lakeColumns(), runPrefix)));
        lakeIds = ids;
        noteReached();
    }

    /** The moment production starts, from which {@link #secondsToReach()} counts. */
    public void markStart() {
        start = java.time.Instant.now();
        reached.clear();
    }

    private void noteReached() {
        DemoExpectations expected = new DemoExpectations(stream);
        reach("personalize", new java.util.HashSet<>(emulatorIds).size(),
                stream.count(EventFate.GOOD, EventFate.ANONYMOUS));
        reach("upstream", upstreamRecords, expected.upstreamRecords());
        reach("collated", collatedIds.size(), stream.count(EventFate.GOOD));
        reach("lake", lakeIds.size(), stream.count(EventFate.GOOD));
        reach("dead-lettered", collatorDeadLetters.count(), stream.count(EventFate.BAD, EventFate.ANONYMOUS));
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
        return List.copyOf(emulatorIds);
    }

    public long upstreamRecords() {
        return upstreamRecords;
    }

    public List<String> collatedIds() {
        return List.copyOf(collatedIds);
    }

    public List<String> lakeIds() {
        return lakeIds;
    }

    public Map<String, Long> deadLetterReasons() {
        return collatorDeadLetters.reasons();
    }

    public long deadLetterCount() {
        return collatorDeadLetters.count();
    }

    public long deadLetterDeliveries() {
        return collatorDeadLetters.deliveries();
    }

    public Map<String, DeadLetterWatch> sinkDeadLetters() {
        return java.util.Collections.unmodifiableMap(sinkDeadLetters);
    }

    /** True once Personalize holds every event it must. */
    public boolean emulatorComplete() {
        return new java.util.TreeSet<>(emulatorIds).equals(stream.eventIds(EventFate.GOOD, EventFate.ANONYMOUS));
    }

    /** True once every stage holds exactly what it must (the export comes after). */
    public boolean complete() {
        DemoExpectations expected = new DemoExpectations(stream);
        if (!emulatorComplete() || upstreamRecords != expected.upstreamRecords()
                || collatedIds.size() != stream.count(EventFate.GOOD)
                || !new java.util.HashSet<>(lakeIds).equals(stream.eventIds(EventFate.GOOD))
                || lakeIds.size() != stream.count(EventFate.GOOD)
                || !collatorDeadLetters.reasons().equals(stream.deadLetterReasons())
                || collatorDeadLetters.deliveries() != collatorDeadLetters.count()) {
            return false;
        }
        for (Map.Entry<String, DeadLetterWatch> e : sinkDeadLetters.entrySet()) {
            if (e.getValue().count() != expected.sinkDeadLetters(e.getKey())) {
                return false;
            }
        }
        return true;
    }

    public String progressLine() {
        Map<String, String> parts = new java.util.LinkedHashMap<>();
        parts.put("personalize", new java.util.HashSet<>(emulatorIds).size() + "/"
                + stream.count(EventFate.GOOD, EventFate.ANONYMOUS));
        parts.put("upstream", upstreamRecords + "/" + new DemoExpectations(stream).upstreamRecords());
        parts.put("collated", collatedIds.size() + "/" + stream.count(EventFate.GOOD));
        parts.put("lake", lakeIds.size() + "/" + stream.count(EventFate.GOOD));
        parts.put("dead-lettered", deadLetterCount() + "/" + stream.count(EventFate.BAD, EventFate.ANONYMOUS));
        StringBuilder sb = new StringBuilder();
        parts.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "  ").append(k).append(' ').append(v));
        return sb.toString();
    }

    @Override
    public void close() {
        collatedTopic.close();
        collatorDeadLetters.close();
        sinkDeadLetters.values().forEach(DeadLetterWatch::close);
    }
}
