package io.lakeloop.connect.personalize;

import io.lakeloop.connect.personalize.config.CrossKeyRules;
import io.lakeloop.connect.personalize.config.LegacyKeys;
import io.lakeloop.connect.personalize.config.PersonalizeSinkConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Kafka Connect sink for Amazon Personalize: events (PutEvents), items, users, actions and action interactions,
 * one data type per connector ({@code personalize.data.type}). Splits the rate limit evenly across its tasks.
 * Accepts the keys of aws/personalize-kafka-connector as deprecated aliases ({@link LegacyKeys}).
 */
public final class PersonalizeSinkConnector extends SinkConnector {

    private Map<String, String> props;
    private PersonalizeSinkConfig config;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        LegacyKeys.warn(props);
        this.props = Map.copyOf(strings(LegacyKeys.translate(props)));
        this.config = new PersonalizeSinkConfig(this.props);
        CrossKeyRules.enforce(config);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return PersonalizeSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        double share = config.connectorRateLimit() <= 0 ? 0 : config.connectorRateLimit() / maxTasks;
        List<Map<String, String>> configs = new ArrayList<>(maxTasks);
        for (int i = 0; i < maxTasks; i++) {
            Map<String, String> task = new HashMap<>(props);
            task.put(PersonalizeSinkConfig.TASK_RATE_LIMIT_CONFIG, Double.toString(share));
            task.put(PersonalizeSinkConfig.TASK_INDEX_CONFIG, Integer.toString(i));
            configs.add(task);
        }
        return configs;
    }

    private static Map<String, String> strings(Map<String, ?> props) {
        Map<String, String> out = new HashMap<>();
        props.forEach((k, v) -> out.put(k, v == null ? null : v.toString()));
        return out;
    }

    @Override
    public void stop() {
        // nothing held
    }

    @Override
    public ConfigDef config() {
        return PersonalizeSinkConfig.CONFIG_DEF;
    }

    /** Per-key validation by the ConfigDef, then the rules that span keys, each reported against its key. */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Map<String, String> translated;
        try {
            translated = strings(LegacyKeys.translate(connectorConfigs));
        } catch (ConfigException e) {
            Config result = super.validate(connectorConfigs);
            result.configValues().stream().filter(v -> v.name().equals(PersonalizeSinkConfig.DATA_TYPE_CONFIG))
                    .forEach(v -> v.addErrorMessage(e.getMessage()));
            return result;
        }
        Config result = super.validate(translated);
        boolean keysValid = result.configValues().stream().allMatch(v -> v.errorMessages().isEmpty());
        if (!keysValid) {
            return result;
        }
        Map<String, List<String>> errors;
        try {
            errors = CrossKeyRules.check(new PersonalizeSinkConfig(translated));
        } catch (ConfigException e) {
            errors = Map.of(PersonalizeSinkConfig.DATA_TYPE_CONFIG, List.of(e.getMessage()));
        }
        for (ConfigValue value : result.configValues()) {
            errors.getOrDefault(value.name(), List.of()).forEach(value::addErrorMessage);
        }
        return result;
    }
}
