package io.lakeloop.connect.personalize.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeloop.connect.personalize.PersonalizeSinkConnector;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class PersonalizeSinkConfigTest {

    static final String ITEMS_ARN = "arn:aws:personalize:eu-west-1:123456789012:dataset/shop/ITEMS";

    private static Map<String, String> events() {
        Map<String, String> m = new HashMap<>();
        m.put("connector.class", PersonalizeSinkConnector.class.getName());
        m.put("topics", "interactions");
        m.put(PersonalizeSinkConfig.TRACKING_ID_CONFIG, "tracker-1");
        return m;
    }

    private static Map<String, List<String>> errors(Map<String, String> config) {
        Map<String, List<String>> errors = new HashMap<>();
        for (ConfigValue v : new PersonalizeSinkConnector().validate(config).configValues()) {
            if (!v.errorMessages().isEmpty()) {
                errors.put(v.name(), v.errorMessages());
            }
        }
        return errors;
    }

    @Test
    void everyKeyHasADocAGroupADisplayNameAndAnImportance() {
        for (ConfigKey key : PersonalizeSinkConfig.CONFIG_DEF.configKeys().values()) {
            assertThat(key.documentation).as(key.name).isNotBlank();
            assertThat(key.group).as(key.name).isNotBlank();
            assertThat(key.displayName).as(key.name).isNotBlank();
            assertThat(key.importance).as(key.name).isNotNull();
            assertThat(key.name).as(key.name).matches("[a-z0-9]+(\\.[a-z0-9]+)+");
        }
    }

    @Test
    void secretsArePasswords() {
        assertThat(PersonalizeSinkConfig.CONFIG_DEF.configKeys().get("aws.secret.access.key").type)
                .isEqualTo(org.apache.kafka.common.config.ConfigDef.Type.PASSWORD);
    }

    @Test
    void defaultsSuitAnEventsConnector() {
        PersonalizeSinkConfig c = new PersonalizeSinkConfig(events());
        assertThat(c.dataType()).isEqualTo(DataType.EVENTS);
        assertThat(c.batchMaxSize()).isEqualTo(10);
        assertThat(c.connectorRateLimit()).isEqualTo(1000.0);
        assertThat(c.eventIdFromPosition()).isTrue();
        assertThat(c.toleratesErrors()).isFalse();
        assertThat(errors(events())).isEmpty();
    }

    @Test
    void eventsNeedATrackingId() {
        Map<String, String> m = events();
        m.remove(PersonalizeSinkConfig.TRACKING_ID_CONFIG);
        assertThat(errors(m)).containsOnlyKeys(PersonalizeSinkConfig.TRACKING_ID_CONFIG);
        assertThatThrownBy(() -> new PersonalizeSinkConnector().start(m)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(PersonalizeSinkConfig.TRACKING_ID_CONFIG);
    }

    @Test
    void itemsNeedTheArnOfAnItemsDataset() {
        Map<String, String> m = events();
        m.put(PersonalizeSinkConfig.DATA_TYPE_CONFIG, "items");
        assertThat(errors(m)).containsOnlyKeys(PersonalizeSinkConfig.DATASET_ARN_CONFIG);
        m.put(PersonalizeSinkConfig.DATASET_ARN_CONFIG, ITEMS_ARN.replace("ITEMS", "USERS"));
        assertThat(errors(m).get(PersonalizeSinkConfig.DATASET_ARN_CONFIG)).singleElement().asString()
                .contains("dataset of kind ITEMS");
        m.put(PersonalizeSinkConfig.DATASET_ARN_CONFIG, ITEMS_ARN);
        assertThat(errors(m)).isEmpty();
        assertThat(new PersonalizeSinkConfig(m).connectorRateLimit()).isEqualTo(10.0);
    }

    @Test
    void usersAndActionsCheckTheirKindToo() {
        Map<String, String> m = events();
        m.put(PersonalizeSinkConfig.DATA_TYPE_CONFIG, "users");
        m.put(PersonalizeSinkConfig.DATASET_ARN_CONFIG, ITEMS_ARN);
        assertThat(errors(m)).containsOnlyKeys(PersonalizeSinkConfig.DATASET_ARN_CONFIG);
        m.put(PersonalizeSinkConfig.DATA_TYPE_CONFIG, "actions");
        m.put(PersonalizeSinkConfig.DATASET_ARN_CONFIG, ITEMS_ARN.replace("ITEMS", "ACTIONS"));
        assertThat(errors(m)).isEmpty();
        m.put(PersonalizeSinkConfig.DATA_TYPE_CONFIG, "action-interactions");
        assertThat(errors(m)).isEmpty(); // uses the tracking id
    }

    @Test
    void badValuesAreReportedAgainstTheirKey() {
        Map<String, String> m = events();
        m.put(PersonalizeSinkConfig.DATA_TYPE_CONFIG, "clicks");
        m.put(PersonalizeSinkConfig.BATCH_MAX_SIZE_CONFIG, "11");
        assertThat(errors(m)).containsOnlyKeys(PersonalizeSinkConfig.DATA_TYPE_CONFIG,
                PersonalizeSinkConfig.BATCH_MAX_SIZE_CONFIG);
    }

    @Test
    void awsRulesAreReportedAgainstTheAwsKeys() {
        Map<String, String> m = events();
        m.put("aws.credentials.provider", "static");
        assertThat(errors(m)).containsKey("aws.access.key.id");
    }

    @Test
    void theConnectorSplitsTheRateLimitAcrossItsTasks() {
        Map<String, String> m = events();
        m.put(PersonalizeSinkConfig.RATE_LIMIT_CONFIG, "900");
        PersonalizeSinkConnector connector = new PersonalizeSinkConnector();
        connector.start(m);

        List<Map<String, String>> tasks = connector.taskConfigs(3);

        assertThat(tasks).hasSize(3);
        for (int i = 0; i < 3; i++) {
            PersonalizeSinkConfig c = new PersonalizeSinkConfig(tasks.get(i));
            assertThat(c.taskRateLimit()).isEqualTo(300.0);
            assertThat(c.taskIndex()).isEqualTo(i);
            assertThat(c.trackingId()).isEqualTo("tracker-1");
        }
    }

    @Test
    void fieldNamesAreConfigurable() {
        Map<String, String> m = events();
        m.put("field.user.id", "customer, cust_id");
        assertThat(new PersonalizeSinkConfig(m).fieldNames().namesOf(io.lakeloop.event.EventField.USER_ID))
                .containsExactly("customer", "cust_id");
    }
}
