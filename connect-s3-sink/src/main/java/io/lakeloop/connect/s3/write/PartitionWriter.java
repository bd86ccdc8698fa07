package io.lakeloop.connect.s3.write;

import io.lakeloop.connect.s3.key.KeyTemplate;
import io.lakeloop.connect.s3.metrics.SinkMetrics;
import io.lakeloop.connect.s3.storage.ByteChunks;
import io.lakeloop.connect.s3.storage.ObjectStore;
import io.lakeloop.connect.s3.storage.StoreException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one topic partition's records into a sequence of objects, one open at a time, and knows which offsets are
 * landed. Every S3 step is resumable: when one fails ({@link StoreException}) the object stays as it was and the
 * next call continues where it stopped; records already appended are recognised by offset and skipped on redelivery.
 */
public final class PartitionWriter {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionWriter.class);
    static final String META_TOPIC = "lakeloop-topic";
    static final String META_PARTITION = "lakeloop-partition";
    static final String META_START = PartitionRecovery.META_START;
    static final String META_END = "lakeloop-end-offset";
    static final String META_RECORDS = "lakeloop-records";

    private final TopicPartition tp;
    private final ObjectStore store;
    private final WriterSettings settings;
    private final MemoryBudget budget;
    private final SinkMetrics metrics;
    private final String stateKey;
    private final PartitionRecovery recovery;
    private long lastProcessed = -1;
    private OpenObject current;
    private final Executor uploads;
    private InFlightPart inFlight;

    /** The one part of this partition being uploaded in the background while the next one is compressed. */
    private static final class InFlightPart {
        final OpenObject object;
        final int number;
        final ByteChunks bytes;
        final long reserved;
        final long startedNanos;
        CompletableFuture<ObjectStore.Part> future;

        InFlightPart(OpenObject object, int number, ByteChunks bytes, long reserved) {
            this.object = object;
            this.number = number;
            this.bytes = bytes;
            this.reserved = reserved;
            this.startedNanos = System.nanoTime();
        }
    }

    public PartitionWriter(TopicPartition tp, ObjectStore store, WriterSettings settings, MemoryBudget budget,
                           SinkMetrics metrics, Executor uploads, Seeker seeker) {
        this.uploads = uploads;
        this.tp = tp;
        this.store = store;
        this.settings = settings;
        this.budget = budget;
        this.metrics = metrics;
        this.stateKey = StateMarker.key(settings.statePrefix(), settings.connector(), tp.topic(), tp.partition());
        this.recovery = new PartitionRecovery(tp, store, stateKey, settings.generation(), seeker);
    }

    /**
     * Whether the record at {@code offset} is written, skipped (already landed, or handled in this assignment) or
     * ignored (Connect was asked to deliver from another offset); see {@link PartitionRecovery}.
     */
    public PartitionRecovery.Admission admit(long offset, Supplier<String> check) {
        PartitionRecovery.Admission a = recovery.admit(offset, check);
        return a == PartitionRecovery.Admission.WRITE && offset <= lastProcessed ? PartitionRecovery.Admission.SKIP : a;
    }

    /** A new put() begins ({@code redelivery}: the batch of a put that failed with a retriable error, again). */
    public void newPut(boolean redelivery) {
        recovery.newPut(redelivery);
    }

    /** Marks an offset handled without writing it (skipped replay, dead-lettered record). */
    public void skip(long offset) {
        lastProcessed = Math.max(lastProcessed, offset);
    }

    /** Appends one rendered record; may complete the current object before and/or after. */
    public void append(long offset, String check, String renderedKey, long timeMs, long nowMs, byte[] line) {
        finishSealed();
        RotationPolicy policy = settings.policy();
        if (current != null && policy.rotateBefore(current, renderedKey, timeMs)) {
            rotate();
        }
        if (current == null) {
            current = new OpenObject(renderedKey,
                    KeyTemplate.objectKey(renderedKey, offset, recovery.keySuffix() + settings.extension()),
                    offset, nowMs, policy.window(timeMs), budget, settings.gzipLevel(), settings.zstd(),
                    settings.encoder(), settings.header());
            metrics.fileOpened();
        }
        current.append(offset, check, line);
        lastProcessed = offset;
        metrics.recordWritten(line.length);
        uploadFullPart();
        if (policy.rotateAfter(current)) {
            rotate();
        }
    }

    /** Completes the open object if its wall-clock deadline has passed. */
    public void rotateIfDue(long nowMs) {
        finishSealed();
        if (current != null && nowMs >= settings.policy().deadline(current)) {
            rotate();
        }
    }

    /** Wall-clock time the open object must be completed by, or {@link Long#MAX_VALUE}. */
    public long deadline() {
        return current == null ? Long.MAX_VALUE : settings.policy().deadline(current);
    }

    /** Retries whatever a failed call left: a failed part upload, a full part not yet uploaded, a sealed object. */
    public void resume() {
        awaitInFlight();
        finishSealed();
        uploadFullPart();
    }

    /**
     * Waits for this partition's part upload in flight, if any, and frees its memory; a failed upload is retried here
     * on the calling thread (and its failure thrown) so no part is ever skipped.
     */
    public void awaitInFlight() {
        if (inFlight == null) {
            return;
        }
        InFlightPart part = inFlight;
        ObjectStore.Part done;
        try {
            done = part.future == null ? store.uploadPart(part.object.key(), part.object.uploadId(), part.number,
                    part.bytes) : part.future.join();
        } catch (CompletionException e) {
            part.future = null; // retried synchronously on the next call
            throw e.getCause() instanceof StoreException se ? se : new StoreException("UploadPart s3://" + store.bucket()
                    + "/" + part.object.key() + " failed: " + e.getCause(), false, e.getCause());
        } catch (StoreException e) {
            throw e;
        }
        part.object.parts().add(done);
        budget.release(part.reserved);
        metrics.partUploaded(part.bytes.size(), System.nanoTime() - part.startedNanos);
        inFlight = null;
    }

    /** Completes the open object now (rotation, memory pressure). */
    public void rotate() {
        if (current == null) {
            return;
        }
        current.seal();
        finishSealed();
    }

    private void finishSealed() {
        if (current == null || !current.sealed()) {
            return;
        }
        awaitInFlight();
        OpenObject o = current;
        long started = System.nanoTime();
        StateMarker marker = recovery.pending(o.key(), o.startOffset(), o.lastOffset(), o.uploadId(), o.lastCheck());
        long putBytes = 0;
        if (o.uploadId() == null) {
            store.put(stateKey, ByteChunks.of(marker.toJson()), Map.of(), "application/json");
            Map<String, String> meta = metadata(o);
            meta.put(META_END, Long.toString(o.lastOffset()));
            meta.put(META_RECORDS, Long.toString(o.records()));
            ByteChunks body = o.buffer().snapshot();
            putBytes = body.size();
            store.put(o.key(), body, meta, settings.contentType());
        } else {
            if (o.buffer().size() > 0) {
                uploadLastPart(o);
            }
            store.put(stateKey, ByteChunks.of(marker.toJson()), Map.of(), "application/json");
            store.completeMultipart(o.key(), o.uploadId(), o.parts());
        }
        metrics.objectWritten(o.records(), putBytes, System.nanoTime() - started);
        if (LOG.isDebugEnabled()) {
            LOG.debug("{}: completed s3://{}/{} with offsets {}-{} ({} records)", tp, store.bucket(), o.key(),
                    o.startOffset(), o.lastOffset(), o.records());
        }
        recovery.landed(o.lastOffset(), o.lastCheck());
        o.release();
        current = null;
        metrics.fileClosed();
    }

    private void uploadFullPart() {
        if (current != null && !current.sealed() && current.buffer().size() >= settings.partSize()) {
            uploadPart(current);
        }
    }

    /** Hands a full part to the background uploader; at most one part of this partition is in flight. */
    private void uploadPart(OpenObject o) {
        awaitInFlight();
        if (o.uploadId() == null) {
            o.uploadId(store.createMultipart(o.key(), metadata(o), settings.contentType()));
        }
        int number = o.parts().size() + 1;
        ByteChunks bytes = o.buffer().snapshot();
        InFlightPart part = new InFlightPart(o, number, bytes, o.buffer().detach());
        String key = o.key();
        String uploadId = o.uploadId();
        part.future = CompletableFuture.supplyAsync(() -> store.uploadPart(key, uploadId, number, bytes), uploads);
        inFlight = part;
    }

    /** The last part goes up on this thread: the object is completed right after. */
    private void uploadLastPart(OpenObject o) {
        long started = System.nanoTime();
        ByteChunks bytes = o.buffer().snapshot();
        o.parts().add(store.uploadPart(o.key(), o.uploadId(), o.parts().size() + 1, bytes));
        metrics.partUploaded(bytes.size(), System.nanoTime() - started);
        o.buffer().reset();
    }

    private Map<String, String> metadata(OpenObject o) {
        Map<String, String> meta = new java.util.HashMap<>();
        meta.put(META_TOPIC, tp.topic());
        meta.put(META_PARTITION, Integer.toString(tp.partition()));
        meta.put(META_START, Long.toString(o.startOffset()));
        return meta;
    }

    /**
     * The offset Connect may commit: the first offset of the open object, else the one after the last handled
     * record; -1 when nothing was handled in this assignment (then nothing is committed for the partition).
     */
    public long committableOffset() {
        if (current != null) {
            return current.startOffset();
        }
        return lastProcessed < 0 ? -1 : lastProcessed + 1;
    }

    /** Memory the open object holds (its part in flight not included: completing the object does not free it). */
    public long footprint() {
        return current == null ? 0 : current.footprint();
    }

    public boolean hasOpenObject() {
        return current != null;
    }

    /** Drops the open object (partition revoked, task stopping): its records are replayed by the next owner. */
    public void abort() {
        if (inFlight != null) {
            InFlightPart part = inFlight;
            inFlight = null;
            if (part.future != null) {
                try {
                    part.future.join();
                } catch (CompletionException e) {
                    // the upload is aborted below anyway
                }
            }
            budget.release(part.reserved);
        }
        if (current == null) {
            return;
        }
        OpenObject o = current;
        current = null;
        o.release();
        metrics.fileClosed();
        if (o.uploadId() != null) {
            PartitionRecovery.abortQuietly(store, tp, o.key(), o.uploadId());
        }
    }

    public TopicPartition topicPartition() {
        return tp;
    }
}
