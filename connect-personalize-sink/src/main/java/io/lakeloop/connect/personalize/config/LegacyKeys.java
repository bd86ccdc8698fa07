package io.lakeloop.connect.personalize.config;

import io.lakeloop.aws.AwsConfigDef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configuration keys of aws/personalize-kafka-connector, accepted as deprecated aliases so that its connector JSON
 * runs here once {@code connector.class} is changed: each is translated to this connector's key (one WARN line per
 * key at start, naming the replacement), and the one whose meaning differs is converted: {@code record.rate.limit} is
 * requests/s per task there and {@code rate.limit.requests.per.second} per connector here, so it is multiplied by
 * {@code tasks.max}. A legacy key and its replacement set to different values is an error naming both.
 *
 * <p>Aliases rather than a one-off converter: on MSK Connect a connector's configuration is set through the console
 * or API, where there is no command to run first; an alias works wherever the JSON is submitted, and the WARN line
 * tells the operator what to rename.
 */
public final class LegacyKeys {

    private static final Logger LOG = LoggerFactory.getLogger(LegacyKeys.class);

    static final String RECORD_RATE_LIMIT = "record.rate.limit";
    static final String CREDENTIALS_CLASS = "amazon.personalize.credentials.provider.class";
    static final String ACCESS_KEY = "aws.access.key";
    static final String SECRET_KEY = "aws.secret.key";
    static final String MAX_RETRIES = "max.retries";
    private static final String TASKS_MAX = "tasks.max";

    /** One legacy key, the key it becomes, and what changes for the user. */
    public record Alias(String legacy, String key, String change) {
    }

    /** Every key of aws/personalize-kafka-connector, in its README's order. */
    public static final List<Alias> ALIASES = List.of(
            new Alias("aws.region.name", AwsConfigDef.REGION_CONFIG, "same meaning"),
            new Alias("amazon.personalize.data.type", PersonalizeSinkConfig.DATA_TYPE_CONFIG,
                    "same values (events, items, users); here also actions and action-interactions"),
            new Alias("amazon.personalize.event.tracking.id", PersonalizeSinkConfig.TRACKING_ID_CONFIG, "same meaning"),
            new Alias("amazon.personalize.dataset.arn", PersonalizeSinkConfig.DATASET_ARN_CONFIG,
                    "same meaning; here it must name a dataset of the data type's kind (…/ITEMS for items)"),
            new Alias(ACCESS_KEY, AwsConfigDef.ACCESS_KEY_CONFIG,
                    "same; with it, aws.credentials.provider becomes static (as the old connector did)"),
            new Alias(SECRET_KEY, AwsConfigDef.SECRET_KEY_CONFIG, "same meaning"),
            new Alias(CREDENTIALS_CLASS, AwsConfigDef.CREDENTIALS_CONFIG,
                    "a class name there, a mode here: DefaultAWSCredentialsProviderChain and "
                            + "com.aws.auth.AssumeRoleCredentialsProvider become default (static with keys); the role "
                            + "keys below then assume the role. Other classes are refused"),
            new Alias("amazon.personalize.sts.role.arn", AwsConfigDef.ROLE_ARN_CONFIG, "same meaning"),
            new Alias("amazon.personalize.sts.role.external.id", AwsConfigDef.EXTERNAL_ID_CONFIG, "same meaning"),
            new Alias("amazon.personalize.sts.role.session.name", AwsConfigDef.SESSION_NAME_CONFIG, "same meaning"),
            new Alias(RECORD_RATE_LIMIT, PersonalizeSinkConfig.RATE_LIMIT_CONFIG,
                    "MEANING CHANGES: requests/s per task there, per connector here; converted to value × tasks.max "
                            + "(the old connector never enforced it: here the limit is real)"),
            new Alias(MAX_RETRIES, PersonalizeSinkConfig.RETRY_DEADLINE_CONFIG,
                    "MEANING CHANGES: ignored. There, SDK retries per record; here every throttled or failed call "
                            + "is retried with backoff until retry.deadline.ms (default 5 minutes)"));

    private LegacyKeys() {
    }

    /** True when {@code props} holds any legacy key. */
    public static boolean present(Map<String, ?> props) {
        return ALIASES.stream().anyMatch(a -> props.containsKey(a.legacy()));
    }

    /**
     * {@code props} with every legacy key replaced by its key (converted where the meaning differs).
     *
     * @throws ConfigException naming both keys when a legacy key and its replacement disagree, or the legacy
     *                         credentials class is not one this connector can stand in for
     */
    public static Map<String, Object> translate(Map<String, ?> props) {
        if (!present(props)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> same = (Map<String, Object>) props;
            return same;
        }
        Map<String, Object> out = new LinkedHashMap<>(props);
        for (Alias alias : ALIASES) {
            Object value = out.remove(alias.legacy());
            if (value == null || alias.legacy().equals(MAX_RETRIES)) {
                continue;
            }
            String translated = switch (alias.legacy()) {
                case RECORD_RATE_LIMIT -> perConnector(value, props.get(TASKS_MAX));
                case CREDENTIALS_CLASS -> credentialsMode(value, props);
                default -> value.toString();
            };
            put(out, alias, translated);
        }
        if (props.get(ACCESS_KEY) != null && props.get(CREDENTIALS_CLASS) == null
                && !out.containsKey(AwsConfigDef.CREDENTIALS_CONFIG)) {
            out.put(AwsConfigDef.CREDENTIALS_CONFIG, "static");
        }
        return out;
    }

    /** One WARN line per legacy key in {@code props}: what to rename it to, and what changes. */
    public static void warn(Map<String, ?> props) {
        for (Alias alias : ALIASES) {
            if (props.containsKey(alias.legacy())) {
                LOG.warn("Configuration key '{}' (aws/personalize-kafka-connector) is deprecated: use '{}' ({})",
                        alias.legacy(), alias.key(), alias.change());
            }
        }
    }

    private static void put(Map<String, Object> out, Alias alias, String value) {
        Object current = out.get(alias.key());
        if (current != null && !Objects.equals(current.toString(), value)) {
            throw new ConfigException("'" + alias.legacy() + "' (deprecated) and '" + alias.key()
                    + "' are both set, to different values: keep only '" + alias.key() + "'");
        }
        out.put(alias.key(), value);
    }

    private static String perConnector(Object perTask, Object tasksMax) {
        try {
            double rate = Double.parseDouble(perTask.toString().trim());
            int tasks = tasksMax == null ? 1 : Integer.parseInt(tasksMax.toString().trim());
            return Double.toString(rate * Math.max(1, tasks));
        } catch (NumberFormatException e) {
            throw new ConfigException(RECORD_RATE_LIMIT, perTask, "must be a number (requests/s per task)");
        }
    }

    private static String credentialsMode(Object className, Map<String, ?> props) {
        String name = className.toString().trim();
        if (!name.endsWith("DefaultAWSCredentialsProviderChain")
                && !name.equals("com.aws.auth.AssumeRoleCredentialsProvider")) {
            throw new ConfigException(CREDENTIALS_CLASS, name, "is not supported: set "
                    + AwsConfigDef.CREDENTIALS_CONFIG + " (default, static or profile) and, to assume a role, "
                    + AwsConfigDef.ROLE_ARN_CONFIG);
        }
        return props.get(ACCESS_KEY) != null && props.get(SECRET_KEY) != null ? "static" : "default";
    }
}
