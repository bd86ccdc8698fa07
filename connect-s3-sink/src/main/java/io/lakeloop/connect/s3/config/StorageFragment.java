package io.lakeloop.connect.s3.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** {@code s3.*}: where objects go, how they are uploaded and encrypted, and where the recovery state lives. */
public final class StorageFragment {

    public static final String GROUP = "S3";
    public static final int MIN_PART_SIZE = 5 * 1024 * 1024;
    public static final int MAX_PART_SIZE = 1024 * 1024 * 1024;

    public static final String BUCKET_CONFIG = "s3.bucket";
    private static final String BUCKET_DOC = "The bucket objects are written to, e.g. the lake's upstream or lake bucket.";
    public static final String PATH_STYLE_CONFIG = "s3.path.style.access";
    private static final String PATH_STYLE_DOC = "Address the bucket in the path (http://host/bucket/key) instead of the "
            + "host name. Needed by most S3-compatible stores (s3proxy, MinIO) behind aws.endpoint.";
    public static final String PART_SIZE_CONFIG = "s3.part.size.bytes";
    private static final String PART_SIZE_DOC = "Size of a multipart-upload part. An object's bytes stream to S3 in "
            + "parts of this size as they are written (after compression); objects smaller than one part are written "
            + "with one PUT. At least 5 MiB (S3's minimum part size).";
    public static final String SSE_CONFIG = "s3.sse";
    private static final String SSE_DOC = "Server-side encryption of written objects: 'none' (the bucket's default), "
            + "'AES256' (SSE-S3) or 'aws:kms' (SSE-KMS, with s3.sse.kms.key.id or the account's default key).";
    public static final String SSE_KMS_KEY_CONFIG = "s3.sse.kms.key.id";
    private static final String SSE_KMS_KEY_DOC = "KMS key id or ARN for s3.sse=aws:kms. Empty: the AWS-managed key.";
    public static final String STATE_PREFIX_CONFIG = "s3.state.prefix";
    private static final String STATE_PREFIX_DOC = "Key prefix, in the same bucket, of the small per-partition state "
            + "objects that make delivery exactly-once (the last completed offset and the object being completed). "
            + "The connector name, topic and partition are appended. Keep it outside the data prefixes.";
    public static final String REPLAY_GENERATION_CONFIG = "replay.generation";
    private static final String REPLAY_GENERATION_DOC = "Raise it (by one) to write records again that are already in "
            + "S3, after resetting the connector's consumer group to where the rebuild starts: the state objects of "
            + "lower generations are set aside, and objects of generation N > 0 get '+gN' before their extension, "
            + "so they never replace an object of another generation (delete the objects you rebuild, or readers "
            + "see both). Within a generation, redelivery after a crash or rebalance is exactly-once. It never goes "
            + "down: a task finding a state of a higher generation fails. See docs/operations.md, 'Replaying'.";
    public static final String RETRY_BACKOFF_CONFIG = "s3.retry.backoff.ms";
    private static final String RETRY_BACKOFF_DOC = "First wait after a transient S3 failure (5xx, throttling, I/O) "
            + "that survived the SDK's own retries; the task asks Connect to redeliver after this wait and doubles it "
            + "on each further failure, up to s3.retry.backoff.max.ms. Nothing is dropped while S3 is unavailable.";
    public static final String RETRY_BACKOFF_MAX_CONFIG = "s3.retry.backoff.max.ms";
    private static final String RETRY_BACKOFF_MAX_DOC = "Upper bound of the doubling retry wait.";

    private StorageFragment() {
    }

    public static ConfigDef define(ConfigDef def) {
        int order = 0;
        return def
                .define(BUCKET_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyStringWithoutControlChars(),
                        Importance.HIGH, BUCKET_DOC, GROUP, ++order, Width.MEDIUM, "Bucket")
                .define(PATH_STYLE_CONFIG, Type.BOOLEAN, false, Importance.MEDIUM, PATH_STYLE_DOC, GROUP, ++order,
                        Width.SHORT, "Path-style access")
                .define(PART_SIZE_CONFIG, Type.INT, MIN_PART_SIZE, ConfigDef.Range.between(MIN_PART_SIZE, MAX_PART_SIZE),
                        Importance.MEDIUM, PART_SIZE_DOC, GROUP, ++order, Width.SHORT, "Part size (bytes)")
                .define(SSE_CONFIG, Type.STRING, "none", ConfigDef.ValidString.in("none", "AES256", "aws:kms"),
                        Importance.MEDIUM, SSE_DOC, GROUP, ++order, Width.SHORT, "Server-side encryption")
                .define(SSE_KMS_KEY_CONFIG, Type.STRING, "", Importance.LOW, SSE_KMS_KEY_DOC, GROUP, ++order,
                        Width.LONG, "SSE-KMS key")
                .define(STATE_PREFIX_CONFIG, Type.STRING, "_lakeloop/s3-sink-state/", new KeyPrefixValidator(),
                        Importance.LOW, STATE_PREFIX_DOC, GROUP, ++order, Width.MEDIUM, "State prefix")
                .define(REPLAY_GENERATION_CONFIG, Type.INT, 0, ConfigDef.Range.atLeast(0), Importance.LOW,
                        REPLAY_GENERATION_DOC, GROUP, ++order, Width.SHORT, "Replay generation")
                .define(RETRY_BACKOFF_CONFIG, Type.LONG, 1_000L, ConfigDef.Range.between(1, 600_000),
                        Importance.LOW, RETRY_BACKOFF_DOC, GROUP, ++order, Width.SHORT, "Retry backoff (ms)")
                .define(RETRY_BACKOFF_MAX_CONFIG, Type.LONG, 30_000L, ConfigDef.Range.between(1, 3_600_000),
                        Importance.LOW, RETRY_BACKOFF_MAX_DOC, GROUP, ++order, Width.SHORT, "Max retry backoff (ms)");
    }
}
