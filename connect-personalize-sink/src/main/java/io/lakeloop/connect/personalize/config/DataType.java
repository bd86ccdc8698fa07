package io.lakeloop.connect.personalize.config;

import io.lakeloop.event.PersonalizeLimits;
import io.lakeloop.event.PersonalizeLimits.DatasetKind;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What one connector instance sends: each value is one Personalize Events operation, the resource it addresses
 * (an event tracker's tracking id or a dataset ARN of one kind), its quota and its records' id field.
 */
public enum DataType {
    EVENTS("events", "PutEvents", null, PersonalizeLimits.PUT_EVENTS_REQUESTS_PER_SECOND,
            PersonalizeLimits.EVENT_PROPERTIES_MAX_LENGTH, List.of()),
    ITEMS("items", "PutItems", DatasetKind.ITEMS, PersonalizeLimits.PUT_ITEMS_REQUESTS_PER_SECOND,
            PersonalizeLimits.ITEM_PROPERTIES_MAX_LENGTH, List.of("item_id", "itemId", "ITEM_ID")),
    USERS("users", "PutUsers", DatasetKind.USERS, PersonalizeLimits.PUT_USERS_REQUESTS_PER_SECOND,
            PersonalizeLimits.USER_PROPERTIES_MAX_LENGTH, List.of("user_id", "userId", "USER_ID")),
    ACTIONS("actions", "PutActions", DatasetKind.ACTIONS, PersonalizeLimits.PUT_ACTIONS_REQUESTS_PER_SECOND,
            PersonalizeLimits.ACTION_PROPERTIES_MAX_LENGTH, List.of("action_id", "actionId", "ACTION_ID")),
    ACTION_INTERACTIONS("action-interactions", "PutActionInteractions", null,
            PersonalizeLimits.PUT_ACTION_INTERACTIONS_REQUESTS_PER_SECOND,
            PersonalizeLimits.EVENT_PROPERTIES_MAX_LENGTH, List.of("action_id", "actionId", "ACTION_ID"));

    private final String configName;
    private final String operation;
    private final DatasetKind datasetKind;
    private final int requestsPerSecond;
    private final int maxPropertiesLength;
    private final List<String> defaultIdFields;

    DataType(String configName, String operation, DatasetKind datasetKind, int requestsPerSecond,
             int maxPropertiesLength, List<String> defaultIdFields) {
        this.configName = configName;
        this.operation = operation;
        this.datasetKind = datasetKind;
        this.requestsPerSecond = requestsPerSecond;
        this.maxPropertiesLength = maxPropertiesLength;
        this.defaultIdFields = defaultIdFields;
    }

    /** The value of {@code personalize.data.type}, e.g. {@code items}. */
    public String configName() {
        return configName;
    }

    /** The API operation, e.g. {@code PutItems}. */
    public String operation() {
        return operation;
    }

    /** True when calls address an event tracker (tracking id); false when they address a dataset ARN. */
    public boolean usesTrackingId() {
        return datasetKind == null;
    }

    /** The dataset kind whose ARN the calls take, or {@code null} for tracker operations. */
    public DatasetKind datasetKind() {
        return datasetKind;
    }

    /** The service quota in requests per second per tracking id / dataset. */
    public int requestsPerSecond() {
        return requestsPerSecond;
    }

    public int maxPropertiesLength() {
        return maxPropertiesLength;
    }

    /** Where the record's id is read from unless {@code record.id.field} says otherwise. */
    public List<String> defaultIdFields() {
        return defaultIdFields;
    }

    public static DataType of(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values()).filter(t -> t.configName.equals(n)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown data type '" + name + "'"));
    }

    public static List<String> configNames() {
        return Arrays.stream(values()).map(DataType::configName).toList();
    }
}
