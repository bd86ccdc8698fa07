package io.lakeloop.connect.s3.write;

import io.lakeloop.connect.s3.config.S3SinkConfig;
import io.lakeloop.connect.s3.format.RecordFormat;
import io.lakeloop.connect.s3.format.RecordView;
import io.lakeloop.connect.s3.format.RenderException;
import io.lakeloop.connect.s3.key.KeyTemplate;
import io.lakeloop.connect.s3.key.RecordTime;
import io.lakeloop.connect.s3.metrics.SinkMetrics;
import io.lakeloop.connect.s3.storage.ObjectStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All partition writers of one task: routes records, keeps the memory budget (completing the largest open objects
 * early when it is reached), completes objects whose wall-clock deadline passed, and answers which offsets Connect
 * may commit. Single-threaded (the task thread); S3 failures surface as
 * {@link io.lakeloop.connect.s3.storage.StoreException}.
 */
public final class TaskWriter {

    private static final Logger LOG = LoggerFactory.getLogger(TaskWriter.class);

    private final ObjectStore store;
    private final WriterSettings settings;
    private final RecordFormat format;
    private final KeyTemplate template;
    private final RecordTime time;
    private final ZoneId zone;
    private final MemoryBudget budget;
    private final SinkMetrics metrics;
    private final Clock clock;
    private final Seeker seeker;
    private S3SinkConfig.NullValues nullValues = S3SinkConfig.NullValues.DLQ;
    private final Map<TopicPartition, PartitionWriter> writers = new LinkedHashMap<>();
    private boolean warnedBudget;
    private final RenamedPartitions routes = new RenamedPartitions();
    private final ExecutorService uploads;

    public TaskWriter(ObjectStore store, WriterSettings settings, RecordFormat format, KeyTemplate template,
                      RecordTime time, ZoneId zone, MemoryBudget budget, SinkMetrics metrics, Clock clock,
                      Seeker seeker) {
        this.seeker = seeker;
        this.store = store;
        this.settings = settings;
        this.format = format;
        this.template = template;
        this.time = time;
        this.zone = zone;
        this.budget = budget;
        this.metrics = metrics;
        this.clock = clock;
        this.uploads = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "s3-sink-upload-" + settings.connector());
            t.setDaemon(true);
            return t;
        });
    }

    /** The writer of a task configured by {@code config}, with its own budget and metrics (no Connect context). */
    public static TaskWriter create(S3SinkConfig config, ObjectStore store, Clock clock, Seeker seeker) {
        return create(config, store, clock, seeker, null);
    }

    /**
     * The writer of a task configured by {@code config}, with its own budget and metrics, registered under the
     * connector's name and the task's index; {@code connectContext} (the task's) brings them to Connect's plugin
     * metrics on 4.1+. The caller closes {@link #metrics()} when the task stops.
     */
    public static TaskWriter create(S3SinkConfig config, ObjectStore store, Clock clock, Seeker seeker,
                                    Object connectContext) {
        MemoryBudget budget = new MemoryBudget(config.memoryBudget());
        SinkMetrics metrics = SinkMetrics.start(config.connectorName(), config.taskIndex(), config.metricsLogInterval(),
                connectContext, budget::used, budget.limit());
        RecordFormat format = RecordFormat.of(config);
        ObjectEncoder encoder = format.encoder(); // compresses inside the file (Parquet pages), not around it
        boolean gzip = encoder == null && config.gzip();
        boolean zstd = encoder == null && config.zstd();
        String extension = format.extension() + (gzip ? ".gz" : zstd ? ".zst" : "");
        String contentType = gzip ? "application/gzip" : zstd ? "application/zstd"
                : switch (config.format()) {
                    case CSV -> "text/csv";
                    case JSONL -> "application/x-ndjson";
                    case RAW -> "application/octet-stream";
                    case PARQUET -> "application/vnd.apache.parquet";
                };
        RotationPolicy policy = new RotationPolicy(config.rotateRecords(), config.rotateBytes(),
                config.rotateIntervalMs(), config.rotateScheduleMs());
        WriterSettings settings = new WriterSettings(extension, contentType, format.header(),
                gzip ? config.gzipLevel() : 0, config.partSize(), policy, config.statePrefix(),
                config.connectorName(), config.replayGeneration(), zstd, encoder);
        return new TaskWriter(store, settings, format, config.keyTemplate(),
                new RecordTime(config.timeSource(), config.timeField(), config.timeFieldUnit(), clock), config.timeZone(),
                budget, metrics, clock,
                seeker).nullValues(config.nullValues());
    }

    /** What a record with a null value does ({@code behavior.on.null.values}); {@code DLQ} unless set. */
    public TaskWriter nullValues(S3SinkConfig.NullValues behavior) {
        this.nullValues = java.util.Objects.requireNonNull(behavior, "behavior");
        return this;
    }

    public SinkMetrics metrics() {
        return metrics;
    }

    public WriterSettings settings() {
        return settings;
    }

    public void open(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            writers.computeIfAbsent(tp, this::newWriter);
        }
    }

    /** Drops the open objects of revoked partitions; the next owner replays them from the committed offset. */
    public void close(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            PartitionWriter w = writers.remove(tp);
            if (w != null) {
                w.abort();
            }
        }
    }

    /** Drops every open object and stops the upload thread. */
    public void closeAll() {
        close(new java.util.ArrayList<>(writers.keySet()));
        uploads.shutdownNow();
    }

    private PartitionWriter newWriter(TopicPartition tp) {
        return new PartitionWriter(tp, store, settings, budget, metrics, uploads, seeker);
    }

    /**
     * A put() begins: {@code redelivery} when it is the batch of a put that failed with a retriable error again
     * (whose records predate any seek asked for then).
     */
    public void newPut(boolean redelivery) {
        for (PartitionWriter w : writers.values()) {
            w.newPut(redelivery);
        }
    }

    /** Finishes whatever a failed S3 call left behind, before new records. */
    public void resume() {
        for (PartitionWriter w : writers.values()) {
            w.resume();
        }
    }

    /**
     * Writes one record, or reports it to {@code reporter} when it cannot be rendered.
     *
     * @throws DataException when a record cannot be rendered and there is no reporter (errors.tolerance=none)
     */
    public void write(SinkRecord record, ErrantRecordReporter reporter) {
        // keyed by where the record was consumed from (what open/close/preCommit name), whatever an SMT renamed
        TopicPartition tp = Origin.of(record);
        routes.check(record.topic(), record.kafkaPartition(), tp);
        PartitionWriter w = writers.computeIfAbsent(tp, this::newWriter);
        long offset = Origin.offset(record);
        switch (w.admit(offset, () -> RecordCheck.of(record))) {
            case IGNORE -> {
                return;
            }
            case SKIP -> {
                w.skip(offset);
                metrics.skipped();
                return;
            }
            case WRITE -> { }
        }
        if (record.value() == null && nullValues != S3SinkConfig.NullValues.DLQ) {
            if (nullValues == S3SinkConfig.NullValues.FAIL) {
                throw new DataException("record " + tp + "@" + offset + " has a null value (a tombstone) and "
                        + "behavior.on.null.values=fail");
            }
            w.skip(offset);
            metrics.nullValueIgnored();
            return;
        }
        RecordView view = new RecordView(record);
        byte[] line;
        String key;
        long timeMs;
        try {
            line = format.render(view);
            timeMs = time.of(view);
            ZonedDateTime at = template.usesTime() ? Instant.ofEpochMilli(timeMs).atZone(zone) : null;
            key = template.render(record.topic(), record.kafkaPartition(), at, view::field);
        } catch (RenderException e) {
            deadLetter(record, w, e.getMessage(), reporter);
            return;
        } catch (RuntimeException | StackOverflowError e) {
            // a failure no format foresaw (a converter's odd map, a Struct deeper than the stack) is still one
            // record's: it goes where bad records go; its message may quote the value, so only its kind is kept
            deadLetter(record, w, "rendering failed unexpectedly (" + e.getClass().getName() + ")", reporter);
            return;
        }
        w.append(offset, RecordCheck.of(record), key, timeMs, clock.millis(), line);
        enforceBudget();
    }

    private void deadLetter(SinkRecord record, PartitionWriter w, String reason, ErrantRecordReporter reporter) {
        TopicPartition origin = Origin.of(record);
        String where = origin.topic() + "-" + origin.partition() + "@" + Origin.offset(record);
        DataException error = new DataException("cannot write record " + where + ": " + reason);
        if (reporter == null) {
            throw error;
        }
        reporter.report(record, error);
        w.skip(Origin.offset(record));
        metrics.deadLettered();
    }

    /** Completes the largest open objects while the task holds more than its budget. */
    public void enforceBudget() {
        if (budget.overLimit()) {
            // parts in flight hold memory that completing objects does not free: let them land first
            for (PartitionWriter w : writers.values()) {
                w.awaitInFlight();
            }
        }
        while (budget.overLimit()) {
            PartitionWriter largest = null;
            for (PartitionWriter w : writers.values()) {
                if (w.hasOpenObject() && (largest == null || w.footprint() > largest.footprint())) {
                    largest = w;
                }
            }
            if (largest == null) {
                return;
            }
            if (!warnedBudget) {
                warnedBudget = true;
                LOG.warn("memory budget of {} bytes reached with {} open objects: completing the largest early "
                        + "(raise memory.budget.bytes for larger objects)", budget.limit(), metrics.openFiles());
            }
            metrics.earlyRotation();
            largest.rotate();
        }
    }

    /** Completes every open object whose wall-clock deadline has passed. */
    public void rotateDue() {
        long now = clock.millis();
        for (PartitionWriter w : writers.values()) {
            w.rotateIfDue(now);
        }
    }

    /** Milliseconds until the next wall-clock deadline, or -1 when no object is open. */
    public long millisToNextDeadline() {
        long next = Long.MAX_VALUE;
        for (PartitionWriter w : writers.values()) {
            next = Math.min(next, w.deadline());
        }
        return next == Long.MAX_VALUE ? -1 : Math.max(0, next - clock.millis());
    }

    /** The offsets of landed (or dead-lettered) records Connect may commit. */
    public Map<TopicPartition, OffsetAndMetadata> committableOffsets() {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        for (PartitionWriter w : writers.values()) {
            long offset = w.committableOffset();
            if (offset >= 0) {
                out.put(w.topicPartition(), new OffsetAndMetadata(offset));
            }
        }
        return out;
    }

    public long bufferedBytes() {
        return budget.used();
    }
}
