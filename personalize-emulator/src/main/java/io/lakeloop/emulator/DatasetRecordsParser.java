package io.lakeloop.emulator;

import static io.lakeloop.event.PersonalizeLimits.ARN_MAX_LENGTH;
import static io.lakeloop.event.PersonalizeLimits.ARN_PATTERN;
import static io.lakeloop.event.PersonalizeLimits.ID_MAX_LENGTH;
import static io.lakeloop.event.PersonalizeLimits.ID_MIN_LENGTH;
import static io.lakeloop.event.PersonalizeLimits.MAX_RECORDS_PER_CALL;
import static io.lakeloop.event.PersonalizeLimits.MIN_RECORDS_PER_CALL;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakeloop.event.PersonalizeLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongFunction;

/**
 * {@code PutItemsRequest}, {@code PutUsersRequest} and {@code PutActionsRequest} share one shape: a dataset ARN and
 * 1..10 records of a required id plus optional properties; they differ in member names and the properties limit.
 */
final class DatasetRecordsParser implements RequestParser {

    /** Builds the recorded value; the record constructors ({@code RecordedItem::new} ...) fit. */
    @FunctionalInterface
    interface RecordFactory {
        Object create(long sequence, String datasetArn, String id, String properties);
    }

    private final String listMember;
    private final String idMember;
    private final int propertiesMaxLength;
    private final RecordFactory factory;

    DatasetRecordsParser(String listMember, String idMember, int propertiesMaxLength, RecordFactory factory) {
        this.listMember = Objects.requireNonNull(listMember, "listMember");
        this.idMember = Objects.requireNonNull(idMember, "idMember");
        this.propertiesMaxLength = propertiesMaxLength;
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    static DatasetRecordsParser items() {
        return new DatasetRecordsParser("items", "itemId", PersonalizeLimits.ITEM_PROPERTIES_MAX_LENGTH,
                RecordedItem::new);
    }

    static DatasetRecordsParser users() {
        return new DatasetRecordsParser("users", "userId", PersonalizeLimits.USER_PROPERTIES_MAX_LENGTH,
                RecordedUser::new);
    }

    static DatasetRecordsParser actions() {
        return new DatasetRecordsParser("actions", "actionId", PersonalizeLimits.ACTION_PROPERTIES_MAX_LENGTH,
                RecordedAction::new);
    }

    @Override
    public ValidCall parse(JsonNode body) {
        RequestReader in = new RequestReader();
        String datasetArn = in.string(body, "datasetArn", "", true, 0, ARN_MAX_LENGTH);
        if (datasetArn != null && !ARN_PATTERN.matcher(datasetArn).matches()) {
            in.violations().failed("datasetArn",
                    "Member must satisfy regular expression pattern: " + ARN_PATTERN.pattern());
        }
        List<JsonNode> entries = in.list(body, listMember, "", true, MIN_RECORDS_PER_CALL, MAX_RECORDS_PER_CALL);
        List<LongFunction<Object>> records = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            String path = RequestReader.memberPath(listMember, i);
            JsonNode entry = in.structure(entries.get(i), path);
            String id = in.string(entry, idMember, path, true, ID_MIN_LENGTH, ID_MAX_LENGTH);
            String properties = in.properties(entry, path, propertiesMaxLength, false);
            records.add(seq -> factory.create(seq, datasetArn, id, properties));
        }
        in.violations().throwIfAny();
        return new ValidCall(datasetArn, records);
    }
}
