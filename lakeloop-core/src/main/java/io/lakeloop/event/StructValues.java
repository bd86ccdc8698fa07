package io.lakeloop.event;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * Connect {@link Struct} → plain map tree. Kept apart from {@link RecordValues} so that code without connect-api on
 * its classpath (the exporter, the collator) never loads a Connect class.
 */
final class StructValues {

    private StructValues() {
    }

    static Map<String, Object> toMap(Object struct) {
        return convertStruct((Struct) struct);
    }

    private static Map<String, Object> convertStruct(Struct struct) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Field field : struct.schema().fields()) {
            out.put(field.name(), convert(struct.get(field)));
        }
        return out;
    }

    private static Object convert(Object value) {
        if (value instanceof Struct s) {
            return convertStruct(s);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(convert(v)));
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), convert(v)));
            return out;
        }
        if (value instanceof java.util.Date date) {
            // Connect's Timestamp logical type
            return date.getTime();
        }
        return value;
    }
}
