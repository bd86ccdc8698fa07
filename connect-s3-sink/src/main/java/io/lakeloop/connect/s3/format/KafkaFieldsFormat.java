package io.lakeloop.connect.s3.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.lakeloop.event.RecordValues;
import io.lakeloop.lake.Csv;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Header;

/**
 * Stores the record's key and/or headers beside its value ({@code store.kafka.keys}, {@code store.kafka.headers}):
 * a JSON line becomes {@code {"key":…,"headers":[{"name":…,"value":…}],"value":<the value as it came>}}; a CSV row
 * gets the columns {@code _key} and {@code _headers} (the headers as that JSON array) after the configured ones.
 * Strings are written as strings; bytes as a string when they are UTF-8 (and do not start with {@code base64:}),
 * else as {@code base64:} and their Base64 encoding, as {@link RawFormat} does; other Connect data as JSON.
 */
public final class KafkaFieldsFormat implements RecordFormat {

    private final RecordFormat base;
    private final boolean keys;
    private final boolean headers;
    private final boolean csv;

    public KafkaFieldsFormat(RecordFormat base, boolean keys, boolean headers) {
        if (!(base instanceof JsonLinesFormat) && !(base instanceof CsvFormat)) {
            throw new IllegalArgumentException("keys and headers are stored with format=jsonl or csv only");
        }
        this.base = base;
        this.keys = keys;
        this.headers = headers;
        this.csv = base instanceof CsvFormat;
    }

    @Override
    public String extension() {
        return base.extension();
    }

    @Override
    public byte[] header() {
        byte[] header = base.header();
        if (!csv || header.length == 0) {
            return header;
        }
        List<String> extra = new ArrayList<>();
        if (keys) {
            extra.add("_key");
        }
        if (headers) {
            extra.add("_headers");
        }
        return appendCells(header, extra);
    }

    @Override
    public byte[] render(RecordView view) throws RenderException {
        byte[] line = base.render(view);
        String key = keys ? text(view.record().key(), "key") : null;
        String headerJson = headers ? headersJson(view) : null;
        if (csv) {
            List<String> extra = new ArrayList<>();
            if (keys) {
                extra.add(key == null ? "" : key);
            }
            if (headers) {
                extra.add(headerJson);
            }
            return appendCells(line, extra);
        }
        StringBuilder prefix = new StringBuilder("{");
        try {
            if (keys) {
                prefix.append("\"key\":").append(RecordValues.JSON.writeValueAsString(key)).append(',');
            }
        } catch (JsonProcessingException e) {
            throw new RenderException("the record key cannot be written as JSON");
        }
        if (headers) {
            prefix.append("\"headers\":").append(headerJson).append(',');
        }
        prefix.append("\"value\":");
        byte[] head = prefix.toString().getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + line.length + 1];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(line, 0, out, head.length, line.length - 1); // the value without its line break
        out[out.length - 2] = '}';
        out[out.length - 1] = '\n';
        return out;
    }

    private static String headersJson(RecordView view) throws RenderException {
        ArrayNode array = RecordValues.JSON.createArrayNode();
        for (Header h : view.record().headers()) {
            array.addObject().put("name", h.key()).put("value", text(h.value(), "header " + h.key()));
        }
        return array.toString();
    }

    /** A key or header value as text (see the class comment); {@code null} stays null. */
    static String text(Object value, String what) throws RenderException {
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof byte[] || value instanceof ByteBuffer) {
            ByteBuffer buffer = value instanceof byte[] b ? ByteBuffer.wrap(b) : ((ByteBuffer) value).duplicate();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            try {
                String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(buffer).toString();
                if (!s.startsWith(RawFormat.ENCODED_PREFIX)) {
                    return s;
                }
            } catch (CharacterCodingException e) {
                // not text: Base64 below
            }
            return RawFormat.ENCODED_PREFIX + Base64.getEncoder().encodeToString(bytes);
        }
        try {
            Object tree = value instanceof Struct ? RecordValues.toMap(value) : value;
            return RecordValues.JSON.writeValueAsString(tree);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new RenderException("the record's " + what + " cannot be written (" + e.getClass().getSimpleName()
                    + ")");
        }
    }

    /** A CSV line (ending in CRLF) with {@code cells} added at its end. */
    private static byte[] appendCells(byte[] line, List<String> cells) {
        String row = new String(line, 0, line.length - 2, StandardCharsets.UTF_8);
        return (row + "," + Csv.row(cells)).getBytes(StandardCharsets.UTF_8);
    }
}
