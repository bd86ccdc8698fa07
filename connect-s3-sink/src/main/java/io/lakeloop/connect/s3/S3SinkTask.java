package io.lakeloop.connect.s3;

import io.lakeloop.connect.s3.config.S3SinkConfig;
import io.lakeloop.connect.s3.metrics.SinkMetrics;
import io.lakeloop.connect.s3.storage.ObjectStore;
import io.lakeloop.connect.s3.storage.S3ObjectStore;
import io.lakeloop.connect.s3.storage.StoreException;
import io.lakeloop.connect.s3.write.TaskWriter;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lands records in S3 objects, exactly once. Offsets are committed only up to the first record not yet in a complete
 * object ({@link #preCommit}); transient S3 failures ask Connect to redeliver after a doubling backoff; wall-clock
 * rotation is driven by {@code context.timeout()} so Connect calls {@link #put} (empty) when a deadline is due even
 * if no record arrives. See the module README for the design.
 */
public final class S3SinkTask extends SinkTask {

    private static final Logger LOG = LoggerFactory.getLogger(S3SinkTask.class);

    /** The test seam: how the task gets its object store. */
    static volatile Function<S3SinkConfig, ObjectStore> storeFactory = S3SinkTask::s3Store;

    private S3SinkConfig config;
    private ObjectStore store;
    private TaskWriter writer;
    private SinkMetrics metrics;
    private ErrantRecordReporter reporter;
    private long backoffMs;
    private boolean redelivery;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new S3SinkConfig(props);
        config.checkCrossKeyRules();
        store = storeFactory.apply(config);
        writer = TaskWriter.create(config, store, Clock.systemUTC(), (tp, offset) -> context.offset(tp, offset), context);
        metrics = writer.metrics();
        reporter = errantRecordReporter();
        backoffMs = config.retryBackoffMs();
        LOG.info("S3 sink task {} of {} started: bucket {}, keys {}{}", config.taskIndex(), config.connectorName(),
                config.bucket(), config.keyTemplate(), writer.settings().extension());
    }

    private ErrantRecordReporter errantRecordReporter() {
        try {
            return context == null ? null : context.errantRecordReporter();
        } catch (NoSuchMethodError | NoClassDefFoundError e) {
            return null; // a runtime older than Kafka 2.6
        }
    }

    static ObjectStore s3Store(S3SinkConfig config) {
        return new S3ObjectStore(S3ObjectStore.client(config.awsSettings(), config.pathStyle()), config.bucket(),
                config.sse(), config.sseKmsKeyId());
    }

    @Override
    public void open(Collection<TopicPartition> partitions) {
        writer.open(partitions);
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        try {
            writer.newPut(redelivery);
            redelivery = false;
            writer.resume();
            for (SinkRecord record : records) {
                writer.write(record, reporter);
            }
            writer.rotateDue();
            backoffMs = config.retryBackoffMs();
            long next = writer.millisToNextDeadline();
            if (next >= 0) {
                // Connect polls at most this long before the next put(), records or not: wall-clock rotation fires
                context.timeout(Math.max(1, next));
            }
        } catch (StoreException e) {
            throw translate(e);
        } finally {
            metrics.flush();
        }
    }

    private RuntimeException translate(StoreException e) {
        if (!e.transientFailure()) {
            return new ConnectException(e.getMessage(), e);
        }
        metrics.retry();
        redelivery = true; // Connect delivers this batch again before anything polled after it
        LOG.warn("{}; Connect redelivers the batch in {} ms (nothing is lost or written twice)", e.getMessage(), backoffMs);
        context.timeout(backoffMs);
        backoffMs = Math.min(backoffMs * 2, config.retryBackoffMaxMs());
        return new RetriableException(e.getMessage(), e);
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        try {
            writer.resume();
            writer.rotateDue();
        } catch (StoreException e) {
            LOG.warn("completing due objects failed, retried on the next put: {}", e.getMessage());
        }
        Map<TopicPartition, OffsetAndMetadata> committable = writer.committableOffsets();
        committable.keySet().retainAll(currentOffsets.keySet());
        return committable;
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        if (writer != null) {
            writer.close(partitions);
        }
    }

    @Override
    public void stop() {
        try {
            if (writer != null) {
                writer.closeAll();
            }
        } finally {
            if (metrics != null) {
                metrics.close();
            }
            if (store != null) {
                store.close();
            }
        }
    }
}
