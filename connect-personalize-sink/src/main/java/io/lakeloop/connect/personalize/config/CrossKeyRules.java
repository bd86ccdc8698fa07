package io.lakeloop.connect.personalize.config;

import io.lakeloop.aws.AwsConfigDef;
import io.lakeloop.event.PersonalizeLimits;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * The rules that span keys: a tracker operation needs a tracking id, a dataset operation needs the ARN of a dataset
 * of its kind, and the {@code aws.*} keys must fit together. Each broken rule is reported against the key to fix.
 */
public final class CrossKeyRules {

    private CrossKeyRules() {
    }

    /** @return key → messages; empty when every rule holds */
    public static Map<String, List<String>> check(PersonalizeSinkConfig config) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        DataType type = config.dataType();
        if (type.usesTrackingId()) {
            String id = config.trackingId();
            if (id.isEmpty()) {
                add(errors, PersonalizeSinkConfig.TRACKING_ID_CONFIG, "is required when "
                        + PersonalizeSinkConfig.DATA_TYPE_CONFIG + "=" + type.configName());
            } else if (id.length() > PersonalizeLimits.ID_MAX_LENGTH) {
                add(errors, PersonalizeSinkConfig.TRACKING_ID_CONFIG, "is longer than "
                        + PersonalizeLimits.ID_MAX_LENGTH + " characters");
            }
        } else {
            String arn = config.datasetArn();
            if (arn.isEmpty()) {
                add(errors, PersonalizeSinkConfig.DATASET_ARN_CONFIG, "is required when "
                        + PersonalizeSinkConfig.DATA_TYPE_CONFIG + "=" + type.configName());
            } else if (!type.datasetKind().matches(arn)) {
                add(errors, PersonalizeSinkConfig.DATASET_ARN_CONFIG, "'" + arn + "' is not the ARN of a dataset of kind "
                        + type.datasetKind() + " (arn:aws:personalize:<region>:<account>:dataset/<group>/"
                        + type.datasetKind() + ")");
            }
        }
        try {
            AwsConfigDef.settings(config);
        } catch (ConfigException e) {
            add(errors, keyOf(e.getMessage()), e.getMessage());
        }
        return errors;
    }

    /** @throws ConfigException naming the first key whose rule is broken */
    public static void enforce(PersonalizeSinkConfig config) {
        Map<String, List<String>> errors = check(config);
        if (!errors.isEmpty()) {
            Map.Entry<String, List<String>> first = errors.entrySet().iterator().next();
            throw new ConfigException("Invalid value for " + first.getKey() + ": " + String.join("; ", first.getValue()));
        }
    }

    private static void add(Map<String, List<String>> errors, String key, String message) {
        errors.computeIfAbsent(key, k -> new ArrayList<>()).add(message);
    }

    /** AwsConfigDef's messages start with "Invalid value ... for configuration <key>: ..." */
    private static String keyOf(String message) {
        for (String key : AwsConfigDef.keys()) {
            if (message != null && message.contains("configuration " + key)) {
                return key;
            }
        }
        return AwsConfigDef.CREDENTIALS_CONFIG;
    }
}
