package io.lakeloop.streams.collator;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Remembers the output records the producer or the broker refused, so that the record that caused them is
 * dead-lettered when it is processed again, instead of being refused again forever.
 *
 * <p>Under exactly-once a refused send cannot be skipped: the producer's transaction is aborted, the stream thread
 * fails, and its replacement re-processes from the last commit, producing the very same record again. So the
 * {@link RefusedOutputHandler} registers a fingerprint of each refused record here (topic, key and value bytes:
 * re-processing produces identical bytes), the service replaces the failed thread once per new refusal, and the
 * processors check each output against this guard before forwarding it: a refused lake row becomes an
 * {@code OUTPUT_REFUSED} dead letter, a refused dead letter is written without its payload. While nothing has been
 * refused (the normal case) a check costs one volatile read. One guard per collator instance, shared by its threads.
 *
 * <p>The refusals live as long as the process: after a restart the first refusal of a record happens once more.
 */
public final class OutputGuard {

    /** The Streams config key under which the service hands this guard to {@link RefusedOutputHandler}. */
    public static final String CONFIG_KEY = "lakeloop.collator.output.guard";

    private final Map<ByteBuffer, String> refused = new ConcurrentHashMap<>();
    private final CollatorMetrics metrics;
    private final AtomicBoolean unconsumedRefusal = new AtomicBoolean();
    private volatile boolean any;

    public OutputGuard(CollatorMetrics metrics) {
        this.metrics = java.util.Objects.requireNonNull(metrics, "metrics");
    }

    /** Whether anything was ever refused: when not, no output needs checking. */
    boolean anyRefused() {
        return any;
    }

    /**
     * @return why the output with these bytes was refused before (the exception's type), or {@code null}
     */
    String refusal(String topic, byte[] key, byte[] value) {
        if (!any) {
            return null;
        }
        return refused.get(fingerprint(topic, key, value));
    }

    /**
     * Registers a refused record.
     *
     * @return {@code true} when it had not been refused before (a replacement thread will route around it),
     *         {@code false} when the same bytes were refused again (routing around it did not help)
     */
    boolean register(ProducerRecord<byte[], byte[]> record, Exception cause) {
        String previous = refused.putIfAbsent(fingerprint(record.topic(), record.key(), record.value()),
                cause.getClass().getSimpleName());
        any = true;
        metrics.countOutputRefused();
        if (previous == null) {
            unconsumedRefusal.set(true);
            return true;
        }
        return false;
    }

    /** Whether a new refusal was registered since the last call: the stream thread that failed on it may be replaced. */
    boolean takeNewRefusal() {
        return unconsumedRefusal.getAndSet(false);
    }

    int size() {
        return refused.size();
    }

    static ByteBuffer fingerprint(String topic, byte[] key, byte[] value) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
        update(sha, topic.getBytes(StandardCharsets.UTF_8));
        update(sha, key);
        update(sha, value);
        return ByteBuffer.wrap(sha.digest());
    }

    private static void update(MessageDigest sha, byte[] part) {
        // length-prefixed, so (key, value) boundaries cannot shift; -1 for null
        int n = part == null ? -1 : part.length;
        sha.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
        if (part != null) {
            sha.update(part);
        }
    }
}
