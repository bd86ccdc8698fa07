package io.lakeloop.emulator;

import io.lakeloop.event.PersonalizeLimits;
import java.util.Arrays;
import java.util.Optional;

/** The five operations of the Personalize Events API, each with its path, request rules, resource and quota. */
public enum Operation {
    PUT_EVENTS("PutEvents", "/events", "events", new PutEventsParser(), false,
            PersonalizeLimits.PUT_EVENTS_REQUESTS_PER_SECOND),
    PUT_ITEMS("PutItems", "/items", "items", DatasetRecordsParser.items(), true,
            PersonalizeLimits.PUT_ITEMS_REQUESTS_PER_SECOND),
    PUT_USERS("PutUsers", "/users", "users", DatasetRecordsParser.users(), true,
            PersonalizeLimits.PUT_USERS_REQUESTS_PER_SECOND),
    PUT_ACTIONS("PutActions", "/actions", "actions", DatasetRecordsParser.actions(), true,
            PersonalizeLimits.PUT_ACTIONS_REQUESTS_PER_SECOND),
    PUT_ACTION_INTERACTIONS("PutActionInteractions", "/action-interactions", "action-interactions",
            new PutActionInteractionsParser(), false, PersonalizeLimits.PUT_ACTION_INTERACTIONS_REQUESTS_PER_SECOND);

    private final String apiName;
    private final String path;
    private final String recordKind;
    private final RequestParser parser;
    private final boolean datasetResource;
    private final int defaultRequestsPerSecond;

    Operation(String apiName, String path, String recordKind, RequestParser parser, boolean datasetResource,
              int defaultRequestsPerSecond) {
        this.apiName = apiName;
        this.path = path;
        this.recordKind = recordKind;
        this.parser = parser;
        this.datasetResource = datasetResource;
        this.defaultRequestsPerSecond = defaultRequestsPerSecond;
    }

    /** The API's operation name, e.g. {@code PutEvents}. */
    public String apiName() {
        return apiName;
    }

    /** The request path, e.g. {@code /events}. */
    public String path() {
        return path;
    }

    /** What the records are called in stats, the journal and {@code /_emulator/<kind>}, e.g. {@code events}. */
    public String recordKind() {
        return recordKind;
    }

    /** True when the call addresses a dataset ARN, false when it addresses an event tracker's tracking id. */
    public boolean addressesDataset() {
        return datasetResource;
    }

    /** The service quota from {@link PersonalizeLimits}, in requests per second per tracking id or dataset. */
    public int defaultRequestsPerSecond() {
        return defaultRequestsPerSecond;
    }

    RequestParser parser() {
        return parser;
    }

    static Optional<Operation> byPath(String path) {
        return Arrays.stream(values()).filter(op -> op.path.equals(path)).findFirst();
    }

    static Optional<Operation> byRecordKind(String kind) {
        return Arrays.stream(values()).filter(op -> op.recordKind.equals(kind)).findFirst();
    }
}
