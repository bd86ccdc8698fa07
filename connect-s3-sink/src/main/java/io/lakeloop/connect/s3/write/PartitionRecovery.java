package io.lakeloop.connect.s3.write;

import io.lakeloop.connect.s3.storage.ObjectStore;
import io.lakeloop.connect.s3.storage.StoreException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one partition's state object says is already in S3, and whether the records now delivered are the log it
 * describes. Read at the first record of an assignment; then, unless that record is the last landed one (checked
 * against its {@link RecordCheck}) or lies beyond it, Connect is asked to deliver from the last landed offset, and
 * the first record after that seek decides:
 * <ul>
 *   <li>the same record as landed: the same log: everything through it is skipped (crash redelivery, exactly once);
 *   <li>a later offset: the landed record is gone (retention, compaction): nothing to skip beyond it;
 *   <li>an earlier offset (the log ends before it) or another record: a new log (the topic was deleted and
 *       recreated, or truncated): its records are written from where the consumer stood, under a new epoch whose
 *       keys differ ({@code +eN}), so no object of the old log is replaced.
 * </ul>
 * A lower {@code replay.generation} in the state than configured means a deliberate replay: the state is set aside
 * and every delivered record is written, under keys of the new generation ({@code +gN}).
 */
final class PartitionRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionRecovery.class);
    static final String META_START = "lakeloop-start-offset";

    enum Admission { WRITE, SKIP, IGNORE }

    private enum Phase { UNREAD, AWAITING_SEEK, SOUGHT, READY }

    private final TopicPartition tp;
    private final ObjectStore store;
    private final String stateKey;
    private final int generation;
    private final Seeker seeker;
    private Phase phase = Phase.UNREAD;
    private long landedEnd = -1;
    private String landedCheck;
    private int epoch;
    private long resumeAt = -1;

    PartitionRecovery(TopicPartition tp, ObjectStore store, String stateKey, int generation, Seeker seeker) {
        this.tp = tp;
        this.store = store;
        this.stateKey = stateKey;
        this.generation = generation;
        this.seeker = seeker;
    }

    /** Whether the record at {@code offset} is written, skipped (already landed) or ignored (a seek is pending). */
    Admission admit(long offset, Supplier<String> check) {
        return switch (phase) {
            case UNREAD -> {
                read();
                yield first(offset, check);
            }
            case AWAITING_SEEK -> Admission.IGNORE;
            case SOUGHT -> afterSeek(offset, check);
            case READY -> offset <= landedEnd ? Admission.SKIP : Admission.WRITE;
        };
    }

    /** A new put() begins; records of a redelivered batch (after a retriable failure) still predate any seek. */
    void newPut(boolean redelivery) {
        if (phase == Phase.AWAITING_SEEK && !redelivery) {
            phase = Phase.SOUGHT;
        }
    }

    private void read() {
        Optional<byte[]> bytes = store.get(stateKey);
        if (bytes.isEmpty()) {
            return;
        }
        StateMarker marker = StateMarker.fromJson(bytes.get());
        long end = marker.landedEnd();
        String check = marker.landedCheck();
        if (marker.pendingKey() != null) {
            Optional<Map<String, String>> head = store.head(marker.pendingKey());
            if (head.isPresent() && String.valueOf(marker.pendingStart()).equals(head.get().get(META_START))) {
                end = Math.max(end, marker.pendingEnd());
                check = marker.pendingCheck();
            } else if (marker.pendingUploadId() != null) {
                abortQuietly(store, tp, marker.pendingKey(), marker.pendingUploadId());
            }
        }
        if (marker.generation() > generation) {
            throw new ConnectException("s3://" + store.bucket() + "/" + stateKey + " was written with replay.generation="
                    + marker.generation() + " but the connector has " + generation + ": the generation never goes "
                    + "down (objects of a lower one could replace newer ones). Set replay.generation="
                    + marker.generation() + " or higher.");
        }
        if (marker.generation() < generation) {
            LOG.info("{}: replay.generation is {} (the state's is {}): records are written again from the consumer's "
                    + "position, under keys of generation {}", tp, generation, marker.generation(), generation);
            return;
        }
        landedEnd = end;
        landedCheck = check;
        epoch = marker.epoch();
        LOG.info("{}: offsets through {} are already in s3://{}", tp, landedEnd, store.bucket());
    }

    private Admission first(long offset, Supplier<String> check) {
        if (landedEnd < 0 || landedCheck == null || offset > landedEnd + 1) {
            // nothing landed, a version-1 state without checks, or the consumer stands beyond what landed
            phase = Phase.READY;
            return admit(offset, check);
        }
        if (offset == landedEnd) {
            return verify(offset, check.get(), offset);
        }
        resumeAt = offset;
        return seek(landedEnd);
    }

    private Admission afterSeek(long offset, Supplier<String> check) {
        if (offset == landedEnd) {
            return verify(offset, check.get(), resumeAt);
        }
        if (offset < landedEnd) {
            newLog("the partition now ends before offset " + landedEnd);
        } else {
            LOG.info("{}: the last landed record (offset {}) is no longer in the log; continuing at {}", tp, landedEnd,
                    offset);
        }
        phase = Phase.READY;
        return admit(offset, check);
    }

    private Admission verify(long offset, String check, long resumeFrom) {
        if (check.equals(landedCheck)) {
            phase = Phase.READY;
            return Admission.SKIP;
        }
        newLog("the record at offset " + offset + " is not the one landed there");
        if (resumeFrom != offset) {
            return seek(resumeFrom);
        }
        phase = Phase.READY;
        return Admission.WRITE;
    }

    private Admission seek(long offset) {
        seeker.seek(tp, offset);
        phase = Phase.AWAITING_SEEK;
        return Admission.IGNORE;
    }

    private void newLog(String why) {
        epoch++;
        LOG.warn("{}: {}: the topic was deleted and recreated (or truncated) since offsets through {} landed in s3://{}."
                + " Its records are written from offset {} under new keys (epoch {}); the objects of the old log stay",
                tp, why, landedEnd, store.bucket(), Math.max(resumeAt, 0), epoch);
        landedEnd = -1;
        landedCheck = null;
    }

    /** An object holding records through {@code end} is complete. */
    void landed(long end, String check) {
        landedEnd = end;
        landedCheck = check;
    }

    /** The state to write just before the object {@code key} with offsets start..end becomes visible. */
    StateMarker pending(String key, long start, long end, String uploadId, String check) {
        return new StateMarker(generation, epoch, landedEnd, landedCheck, key, start, end, uploadId, check);
    }

    /** Added to object keys before the extension: {@code +gN} in replay generation N > 0, {@code +eN} in epoch N > 0. */
    String keySuffix() {
        return (generation > 0 ? "+g" + generation : "") + (epoch > 0 ? "+e" + epoch : "");
    }

    static void abortQuietly(ObjectStore store, TopicPartition tp, String key, String uploadId) {
        try {
            store.abortMultipart(key, uploadId);
        } catch (StoreException e) {
            LOG.warn("{}: could not abort the multipart upload of s3://{}/{} ({}); a bucket lifecycle rule "
                    + "(AbortIncompleteMultipartUpload) removes it", tp, store.bucket(), key, e.getMessage());
        }
    }
}
