package io.lakeloop.connect.s3.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakeloop.event.RecordValues;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The per-partition recovery state, one small JSON object in S3 written just before an object is made visible
 * (the single PUT or the CompleteMultipartUpload): the end offset of the last object known complete, and the
 * object about to be completed. After a crash, the pending object either exists (its records are landed through
 * {@code pendingEnd}) or does not (landed through {@code landedEnd}); either way the task knows exactly which
 * offsets are in S3 and skips them on replay.
 *
 * <p>Version 2 adds the replay generation and log epoch the objects were written in, and a {@link RecordCheck} of
 * the last record of each object, so a task can tell a redelivery of the same log from a recreated topic. Version
 * 1 states (no checks) are still read: generation 0, epoch 0, nothing to verify.
 *
 * @param generation       the {@code replay.generation} it was written under
 * @param epoch            how many times this partition was found to be a new log (a recreated topic)
 * @param landedEnd        last offset in an object known complete, or -1
 * @param landedCheck      check of the record at {@code landedEnd}, or {@code null}
 * @param pendingKey       key of the object being completed, or {@code null}
 * @param pendingStart     its first offset
 * @param pendingEnd       its last offset
 * @param pendingUploadId  its multipart upload id, or {@code null} for a single PUT
 * @param pendingCheck     check of the record at {@code pendingEnd}, or {@code null}
 */
public record StateMarker(int generation, int epoch, long landedEnd, String landedCheck, String pendingKey,
                          long pendingStart, long pendingEnd, String pendingUploadId, String pendingCheck) {

    static final int VERSION = 2;

    /** A state of generation 0, epoch 0, without checks (as version 1 wrote it). */
    public StateMarker(long landedEnd, String pendingKey, long pendingStart, long pendingEnd, String pendingUploadId) {
        this(0, 0, landedEnd, null, pendingKey, pendingStart, pendingEnd, pendingUploadId, null);
    }

    /** {@code <prefix><connector>/<topic>/<partition>.json} */
    public static String key(String prefix, String connector, String topic, int partition) {
        return prefix + connector + "/" + topic + "/" + partition + ".json";
    }

    public byte[] toJson() {
        ObjectNode node = RecordValues.JSON.createObjectNode();
        node.put("version", VERSION);
        node.put("generation", generation);
        node.put("epoch", epoch);
        node.put("landedEnd", landedEnd);
        if (landedCheck != null) {
            node.put("landedCheck", landedCheck);
        }
        if (pendingKey != null) {
            ObjectNode pending = node.putObject("pending");
            pending.put("key", pendingKey);
            pending.put("start", pendingStart);
            pending.put("end", pendingEnd);
            if (pendingUploadId != null) {
                pending.put("uploadId", pendingUploadId);
            }
            if (pendingCheck != null) {
                pending.put("check", pendingCheck);
            }
        }
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static StateMarker fromJson(byte[] json) {
        try {
            JsonNode node = RecordValues.JSON.readTree(json);
            int version = node == null ? -1 : node.path("version").asInt();
            if ((version != 1 && version != VERSION) || !node.path("landedEnd").isIntegralNumber()) {
                throw new IllegalArgumentException("unknown state format");
            }
            JsonNode pending = node.path("pending");
            boolean hasPending = !pending.isMissingNode() && !pending.isNull();
            return new StateMarker(node.path("generation").asInt(0), node.path("epoch").asInt(0),
                    node.get("landedEnd").asLong(), text(node, "landedCheck"),
                    hasPending ? pending.path("key").asText() : null, hasPending ? pending.path("start").asLong() : -1,
                    hasPending ? pending.path("end").asLong() : -1, hasPending ? text(pending, "uploadId") : null,
                    hasPending ? text(pending, "check") : null);
        } catch (IOException e) {
            throw new IllegalArgumentException("state object is not JSON", e);
        }
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}
