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
 * @param landedEnd        last offset in an object known complete, or -1
 * @param pendingKey       key of the object being completed, or {@code null}
 * @param pendingStart     its first offset
 * @param pendingEnd       its last offset
 * @param pendingUploadId  its multipart upload id, or {@code null} for a single PUT
 */
public record StateMarker(long landedEnd, String pendingKey, long pendingStart, long pendingEnd,
                          String pendingUploadId) {

    static final int VERSION = 1;

    /** {@code <prefix><connector>/<topic>/<partition>.json} */
    public static String key(String prefix, String connector, String topic, int partition) {
        return prefix + connector + "/" + topic + "/" + partition + ".json";
    }

    public byte[] toJson() {
        ObjectNode node = RecordValues.JSON.createObjectNode();
        node.put("version", VERSION);
        node.put("landedEnd", landedEnd);
        if (pendingKey != null) {
            ObjectNode pending = node.putObject("pending");
            pending.put("key", pendingKey);
            pending.put("start", pendingStart);
            pending.put("end", pendingEnd);
            if (pendingUploadId != null) {
                pending.put("uploadId", pendingUploadId);
            }
        }
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static StateMarker fromJson(byte[] json) {
        try {
            JsonNode node = RecordValues.JSON.readTree(json);
            if (node == null || node.path("version").asInt() != VERSION || !node.path("landedEnd").isIntegralNumber()) {
                throw new IllegalArgumentException("unknown state format");
            }
            JsonNode pending = node.path("pending");
            if (pending.isMissingNode() || pending.isNull()) {
                return new StateMarker(node.get("landedEnd").asLong(), null, -1, -1, null);
            }
            return new StateMarker(node.get("landedEnd").asLong(), pending.path("key").asText(),
                    pending.path("start").asLong(), pending.path("end").asLong(),
                    pending.hasNonNull("uploadId") ? pending.get("uploadId").asText() : null);
        } catch (IOException e) {
            throw new IllegalArgumentException("state object is not JSON", e);
        }
    }
}
