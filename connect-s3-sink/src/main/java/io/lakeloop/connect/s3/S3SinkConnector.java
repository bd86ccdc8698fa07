package io.lakeloop.connect.s3;

import io.lakeloop.connect.s3.config.ConfluentAliases;
import io.lakeloop.connect.s3.config.S3SinkConfig;
import io.lakeloop.connect.s3.config.StorageFragment;
import io.lakeloop.connect.s3.storage.ObjectStore;
import io.lakeloop.connect.s3.storage.StoreException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Connect sink that lands records in S3 (or any S3-compatible store) as JSON lines or CSV, optionally gzipped,
 * under Firehose-style, Hive-style or templated keys, exactly once.
 */
public final class S3SinkConnector extends SinkConnector {

    private static final Logger LOG = LoggerFactory.getLogger(S3SinkConnector.class);

    private Map<String, String> props;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        S3SinkConfig config = new S3SinkConfig(props);
        config.checkCrossKeyRules();
        this.props = Map.copyOf(props);
        checkBucket(config);
    }

    /** Fails the connector at once, naming the bucket, when it is missing or access is denied. */
    private static void checkBucket(S3SinkConfig config) {
        try (ObjectStore store = S3SinkTask.storeFactory.apply(config)) {
            store.checkBucket();
        } catch (StoreException e) {
            if (!e.transientFailure()) {
                throw new ConnectException(e.getMessage(), e);
            }
            LOG.warn("could not check bucket {} now ({}); the tasks retry", config.bucket(), e.getMessage());
        }
    }

    @Override
    public Class<? extends Task> taskClass() {
        return S3SinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>(maxTasks);
        for (int i = 0; i < maxTasks; i++) {
            Map<String, String> task = new HashMap<>(props);
            task.put(S3SinkConfig.TASK_INDEX_CONFIG, Integer.toString(i));
            configs.add(task);
        }
        return configs;
    }

    @Override
    public void stop() {
        // nothing held
    }

    @Override
    public ConfigDef config() {
        return S3SinkConfig.configDef();
    }

    /** Per-key checks, then the rules that span keys, reported on the key they concern. */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Map<String, String> translated = new HashMap<>();
        try {
            ConfluentAliases.apply(connectorConfigs).forEach((k, v) -> translated.put(k, v == null ? null : v.toString()));
        } catch (ConfigException e) {
            Config result = super.validate(connectorConfigs);
            report(result, e);
            return result;
        }
        Config result = super.validate(translated);
        boolean keysValid = result.configValues().stream().allMatch(v -> v.errorMessages().isEmpty());
        if (!keysValid) {
            return result;
        }
        try {
            new S3SinkConfig(translated).checkCrossKeyRules();
        } catch (ConfigException e) {
            report(result, e);
        }
        return result;
    }

    /** Adds the error to the key it names (an alias: the key it stands for), else to s3.bucket. */
    private static void report(Config result, ConfigException e) {
        String key = keyOf(e.getMessage());
        String target = ConfluentAliases.aliases().getOrDefault(key, key);
        for (ConfigValue v : result.configValues()) {
            if (v.name().equals(target)) {
                v.addErrorMessage(e.getMessage());
                return;
            }
        }
        result.configValues().stream().filter(v -> v.name().equals(StorageFragment.BUCKET_CONFIG)).findFirst()
                .ifPresent(v -> v.addErrorMessage(e.getMessage()));
    }

    /** ConfigException messages read "Invalid value X for configuration KEY: reason". */
    private static String keyOf(String message) {
        String marker = "for configuration ";
        int i = message == null ? -1 : message.indexOf(marker);
        if (i < 0) {
            return "";
        }
        int end = message.indexOf(':', i + marker.length());
        return message.substring(i + marker.length(), end < 0 ? message.length() : end).trim();
    }
}
