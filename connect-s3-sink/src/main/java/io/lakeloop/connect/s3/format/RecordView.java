package io.lakeloop.connect.s3.format;

import io.lakeloop.event.InvalidEventException;
import io.lakeloop.event.RecordValues;
import java.util.Map;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * A sink record with its value read as a map at most once, shared by the format, the key template's fields and
 * the time field. Not thread-safe; one per record.
 */
public final class RecordView {

    private final SinkRecord record;
    private Map<String, Object> map;

    public RecordView(SinkRecord record) {
        this.record = record;
    }

    public SinkRecord record() {
        return record;
    }

    public Object value() {
        return record.value();
    }

    /** The value as a map (JSON text or bytes parsed, Structs converted). */
    public Map<String, Object> map() throws RenderException {
        if (map == null) {
            try {
                map = RecordValues.toMap(record.value());
            } catch (InvalidEventException e) {
                throw new RenderException(e.rejection().message());
            }
        }
        return map;
    }

    /**
     * A field by dotted path ({@code a.b}), or {@code null} when absent. A top-level name without an exact match is
     * looked up case-insensitively, as CSV columns are ({@code TIMESTAMP} finds {@code timestamp}).
     */
    public Object field(String path) throws RenderException {
        Map<String, Object> current = map();
        Object direct = current.get(path);
        if (direct != null) {
            return direct;
        }
        for (Map.Entry<String, Object> e : current.entrySet()) {
            if (path.equalsIgnoreCase(e.getKey()) && e.getValue() != null) {
                return e.getValue();
            }
        }
        if (path.indexOf('.') < 0) {
            return null;
        }
        String[] segments = path.split("\\.");
        Object node = current;
        for (String segment : segments) {
            if (!(node instanceof Map<?, ?> m)) {
                return null;
            }
            node = m.get(segment);
        }
        return node;
    }
}
