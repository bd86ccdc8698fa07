package io.lakeloop.connect.s3.key;

import io.lakeloop.connect.s3.format.RenderException;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.config.ConfigException;

/**
 * An object-key template: literals and the placeholders {@code {topic} {partition} {start_offset} {yyyy} {MM} {dd}
 * {HH} {mm} {field:<path>}}. Rendering is in two steps: {@link #render} gives the key of a record with a marker in
 * place of the start offset (two records belong in the same object only if this string is equal), and
 * {@link #objectKey} puts the object's first offset in.
 */
public final class KeyTemplate {

    /** Width of a zero-padded offset: every non-negative long fits, and keys sort by offset. */
    public static final int OFFSET_WIDTH = 20;
    private static final char START_MARKER = '\u0000';

    private sealed interface Part permits Literal, Placeholder, Field {
    }

    private record Literal(String text) implements Part {
    }

    private enum Placeholder implements Part { TOPIC, PARTITION, START_OFFSET, YEAR, MONTH, DAY, HOUR, MINUTE }

    private record Field(String path) implements Part {
    }

    /** Looks a field up in a record value; {@code null} when absent. */
    @FunctionalInterface
    public interface FieldLookup {
        Object get(String path) throws RenderException;
    }

    private final String source;
    private final List<Part> parts;
    private final boolean usesTime;
    private final boolean usesFields;

    private KeyTemplate(String source, List<Part> parts) {
        this.source = source;
        this.parts = List.copyOf(parts);
        this.usesTime = parts.stream().anyMatch(p -> p instanceof Placeholder ph && ph.ordinal() >= Placeholder.YEAR.ordinal());
        this.usesFields = parts.stream().anyMatch(p -> p instanceof Field);
    }

    /**
     * @param key the config key the template comes from, for error messages
     * @throws ConfigException on an unknown placeholder, an unclosed brace, a leading '/', or a missing
     *                         {@code {topic}}, {@code {partition}} or {@code {start_offset}}
     */
    public static KeyTemplate parse(String key, String template) {
        if (template == null || template.isBlank()) {
            throw new ConfigException(key, template, "is required");
        }
        if (template.startsWith("/")) {
            throw new ConfigException(key, template, "must not start with '/'");
        }
        List<Part> parts = new ArrayList<>();
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            int strayClose = template.indexOf('}', i);
            if (strayClose >= 0 && (open < 0 || strayClose < open)) {
                throw new ConfigException(key, template, "has a '}' without '{'");
            }
            if (open < 0) {
                parts.add(new Literal(template.substring(i)));
                break;
            }
            if (open > i) {
                parts.add(new Literal(template.substring(i, open)));
            }
            int close = template.indexOf('}', open);
            if (close < 0) {
                throw new ConfigException(key, template, "has a '{' without '}'");
            }
            parts.add(placeholder(key, template, template.substring(open + 1, close)));
            i = close + 1;
        }
        for (Placeholder required : List.of(Placeholder.TOPIC, Placeholder.PARTITION, Placeholder.START_OFFSET)) {
            if (!parts.contains(required)) {
                throw new ConfigException(key, template, "must contain {" + required.name().toLowerCase(java.util.Locale.ROOT)
                        + "}: keys must be unique per topic partition and offset so a replay overwrites, never adds");
            }
        }
        return new KeyTemplate(template, parts);
    }

    private static Part placeholder(String key, String template, String name) {
        return switch (name) {
            case "topic" -> Placeholder.TOPIC;
            case "partition" -> Placeholder.PARTITION;
            case "start_offset" -> Placeholder.START_OFFSET;
            case "yyyy" -> Placeholder.YEAR;
            case "MM" -> Placeholder.MONTH;
            case "dd" -> Placeholder.DAY;
            case "HH" -> Placeholder.HOUR;
            case "mm" -> Placeholder.MINUTE;
            default -> {
                if (name.startsWith("field:") && name.length() > "field:".length()) {
                    yield new Field(name.substring("field:".length()).trim());
                }
                throw new ConfigException(key, template, "has an unknown placeholder {" + name + "}; known: {topic} "
                        + "{partition} {start_offset} {yyyy} {MM} {dd} {HH} {mm} {field:<name>}");
            }
        };
    }

    public boolean usesTime() {
        return usesTime;
    }

    public boolean usesFields() {
        return usesFields;
    }

    /**
     * The record's key with a marker where the start offset goes.
     *
     * @param time   the record's time in the configured zone; only read when {@link #usesTime()}
     * @param fields only read when {@link #usesFields()}
     * @throws RenderException when a field is missing or empty
     */
    public String render(String topic, int partition, ZonedDateTime time, FieldLookup fields) throws RenderException {
        StringBuilder sb = new StringBuilder(96);
        for (Part part : parts) {
            if (part instanceof Literal l) {
                sb.append(l.text());
            } else if (part instanceof Field f) {
                sb.append(fieldValue(f.path(), fields.get(f.path())));
            } else {
                switch ((Placeholder) part) {
                    case TOPIC -> sb.append(topic);
                    case PARTITION -> sb.append(partition);
                    case START_OFFSET -> sb.append(START_MARKER);
                    case YEAR -> pad(sb, time.getYear(), 4);
                    case MONTH -> pad(sb, time.getMonthValue(), 2);
                    case DAY -> pad(sb, time.getDayOfMonth(), 2);
                    case HOUR -> pad(sb, time.getHour(), 2);
                    case MINUTE -> pad(sb, time.getMinute(), 2);
                    default -> throw new IllegalStateException(part.toString());
                }
            }
        }
        return sb.toString();
    }

    /** The object key: {@code rendered} with the zero-padded start offset and {@code extension} appended. */
    public static String objectKey(String rendered, long startOffset, String extension) {
        StringBuilder offset = new StringBuilder(OFFSET_WIDTH);
        pad(offset, startOffset, OFFSET_WIDTH);
        return rendered.replace(String.valueOf(START_MARKER), offset) + extension;
    }

    /** A value made safe for one key segment: characters outside {@code [A-Za-z0-9!_.*'()=-]} become '_'. */
    static String fieldValue(String path, Object value) throws RenderException {
        if (value == null) {
            throw new RenderException("key field '" + path + "' is missing");
        }
        String s = value.toString();
        if (s.isEmpty()) {
            throw new RenderException("key field '" + path + "' is empty");
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!_.*'()=-".indexOf(c) >= 0;
            sb.append(safe ? c : '_');
        }
        String out = sb.toString();
        return out.equals(".") || out.equals("..") ? out.replace('.', '_') : out;
    }

    private static void pad(StringBuilder sb, long value, int width) {
        String s = Long.toString(value);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        sb.append(s);
    }

    @Override
    public String toString() {
        return source;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyTemplate t && t.source.equals(source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source);
    }
}
