package io.lakeloop.connect.personalize.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.lakeloop.connect.personalize.config.DataType;
import io.lakeloop.event.InvalidEventException;
import io.lakeloop.event.PersonalizeLimits;
import io.lakeloop.event.PropertiesJson;
import io.lakeloop.event.ReasonCode;
import io.lakeloop.event.RecordValues;
import io.lakeloop.event.Rejection;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.connect.sink.SinkRecord;
import software.amazon.awssdk.services.personalizeevents.model.Action;
import software.amazon.awssdk.services.personalizeevents.model.Item;
import software.amazon.awssdk.services.personalizeevents.model.User;

/**
 * A record → one PutItems {@link Item}, PutUsers {@link User} or PutActions {@link Action}: the id from the first
 * configured id field present, and the properties either from the properties field (sent as given) or folded from
 * the record's other fields (optionally only the included ones, never the excluded ones). Checked against the
 * model's limits for that kind (id 1..256, properties up to 32,000 / 24,000 characters).
 */
public final class DatasetRecordMapper implements RecordMapper {

    private final DataType type;
    private final List<String> idFields;
    private final String propertiesField;
    private final Set<String> include;
    private final Set<String> exclude;

    public DatasetRecordMapper(DataType type, List<String> idFields, String propertiesField, List<String> include,
                               List<String> exclude) {
        this.type = Objects.requireNonNull(type, "type");
        this.idFields = List.copyOf(idFields);
        this.propertiesField = propertiesField == null ? "" : propertiesField;
        this.include = new HashSet<>(include);
        this.exclude = new HashSet<>(exclude);
        if (type.usesTrackingId()) {
            throw new IllegalArgumentException(type + " is not a dataset operation");
        }
    }

    @Override
    public Mapped map(SinkRecord record) {
        try {
            Map<String, Object> fields = RecordValues.toMap(record.value());
            String id = readId(fields, idFields);
            String properties = properties(fields);
            if (properties != null) {
                Rejection r = PropertiesJson.check(properties, propertiesName(), type.maxPropertiesLength(), false);
                if (r != null) {
                    return Mapped.rejected(r);
                }
            }
            return new Mapped(List.of(new Mapped.Part(GroupKey.NONE, payload(id, properties), 0)), List.of());
        } catch (InvalidEventException e) {
            return Mapped.rejected(e.rejection());
        }
    }

    private Object payload(String id, String properties) {
        return switch (type) {
            case ITEMS -> Item.builder().itemId(id).properties(properties).build();
            case USERS -> User.builder().userId(id).properties(properties).build();
            case ACTIONS -> Action.builder().actionId(id).properties(properties).build();
            default -> throw new IllegalStateException(type.toString());
        };
    }

    private String properties(Map<String, Object> fields) {
        if (!propertiesField.isEmpty() && fields.get(propertiesField) != null) {
            return PropertiesJson.normalize(fields.get(propertiesField), propertiesField);
        }
        Map<String, Object> folded = new LinkedHashMap<>();
        for (Map.Entry<String, Object> f : fields.entrySet()) {
            String name = f.getKey();
            if (idFields.contains(name) || name.equals(propertiesField) || exclude.contains(name)
                    || (!include.isEmpty() && !include.contains(name)) || f.getValue() == null) {
                continue;
            }
            folded.put(name, f.getValue());
        }
        if (folded.isEmpty()) {
            return null;
        }
        try {
            return RecordValues.JSON.writeValueAsString(folded);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException(Rejection.ofRecord(ReasonCode.PROPERTIES_NOT_JSON, propertiesName(),
                    "the record's fields cannot be written as JSON properties"));
        }
    }

    private String propertiesName() {
        return propertiesField.isEmpty() ? "properties" : propertiesField;
    }

    /** The id from the first field present; checked for type and the model's 1..256 characters. */
    static String readId(Map<String, Object> fields, List<String> names) {
        String name = names.get(0);
        Object v = null;
        for (String n : names) {
            if (fields.get(n) != null) {
                v = fields.get(n);
                name = n;
                break;
            }
        }
        if (v == null) {
            throw reject(ReasonCode.MISSING_FIELD, name, "'" + name + "' is required");
        }
        String id;
        if (v instanceof CharSequence cs) {
            id = cs.toString();
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof BigInteger) {
            id = v.toString();
        } else {
            throw reject(ReasonCode.WRONG_TYPE, name, "'" + name + "' must be a string");
        }
        if (id.isEmpty()) {
            throw reject(ReasonCode.EMPTY_FIELD, name, "'" + name + "' is empty");
        }
        if (id.length() > PersonalizeLimits.ID_MAX_LENGTH) {
            throw reject(ReasonCode.FIELD_TOO_LONG, name, "'" + name + "' is " + id.length()
                    + " characters, more than the " + PersonalizeLimits.ID_MAX_LENGTH + " Personalize accepts");
        }
        return id;
    }

    private static InvalidEventException reject(ReasonCode code, String field, String message) {
        return new InvalidEventException(Rejection.ofRecord(code, field, message));
    }
}
