package io.lakeloop.connect.s3.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.lakeloop.event.JsonErrors;
import io.lakeloop.event.RecordValues;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;

/**
 * JSON lines. A value that is already JSON (a string, or bytes from the ByteArrayConverter) is checked to be exactly
 * one JSON value and written as it came; only a value spanning several lines is re-serialised, compactly. Connect
 * data (maps, lists, Structs, numbers, booleans) is rendered as JSON.
 */
public final class JsonLinesFormat implements RecordFormat {

    private static final byte[] NONE = new byte[0];
    /** Validation only: no duplicate-key tracking, which would cost more than the check itself. */
    private static final JsonFactory FACTORY = new JsonFactory();

    @Override
    public String extension() {
        return ".jsonl";
    }

    @Override
    public byte[] header() {
        return NONE;
    }

    @Override
    public byte[] render(RecordView view) throws RenderException {
        Object value = view.value();
        if (value == null) {
            throw new RenderException("the record has no value (tombstone)");
        }
        if (value instanceof String s) {
            return raw(s.getBytes(StandardCharsets.UTF_8));
        }
        if (value instanceof byte[] b) {
            return raw(b);
        }
        if (value instanceof ByteBuffer buffer) {
            ByteBuffer dup = buffer.duplicate();
            byte[] b = new byte[dup.remaining()];
            dup.get(b);
            return raw(b);
        }
        Object tree = value instanceof Struct ? view.map() : value;
        if (!(tree instanceof Map || tree instanceof Collection || tree instanceof Number || tree instanceof Boolean)) {
            throw new RenderException("cannot render a value of type " + value.getClass().getSimpleName() + " as JSON");
        }
        try {
            return line(RecordValues.JSON.writeValueAsBytes(tree));
        } catch (JsonProcessingException e) {
            // Jackson's message may quote a value: only its kind is passed on
            throw new RenderException("the value cannot be rendered as JSON (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Checks that {@code json} is exactly one JSON value; returns it as a line. */
    private static byte[] raw(byte[] json) throws RenderException {
        try (JsonParser parser = FACTORY.createParser(json)) {
            if (parser.nextToken() == null) {
                throw new RenderException("the record value is empty, not JSON");
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw new RenderException("the record value holds more than one JSON value");
            }
        } catch (JsonProcessingException e) {
            throw new RenderException("the record value " + JsonErrors.describe(e));
        } catch (IOException e) {
            throw new RenderException("the record value could not be read as JSON");
        }
        if (hasLineBreak(json)) {
            try {
                return line(RecordValues.JSON.writeValueAsBytes(RecordValues.JSON.readTree(json)));
            } catch (IOException e) {
                throw new RenderException("the record value could not be re-serialised on one line");
            }
        }
        return line(json);
    }

    private static boolean hasLineBreak(byte[] json) {
        for (byte b : json) {
            if (b == '\n' || b == '\r') {
                return true;
            }
        }
        return false;
    }

    private static byte[] line(byte[] json) {
        byte[] out = Arrays.copyOf(json, json.length + 1);
        out[json.length] = '\n';
        return out;
    }
}
