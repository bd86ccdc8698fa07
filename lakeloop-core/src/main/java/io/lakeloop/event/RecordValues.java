package io.lakeloop.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The single entry to field extraction: every form a record value arrives in — JSON text or UTF-8 bytes, a
 * schemaless {@code Map} from Connect's JsonConverter, a Connect {@code Struct} (Avro / JSON Schema converters),
 * or a Jackson tree — becomes the same {@code Map<String, Object>} tree of strings, numbers, booleans, lists and
 * maps, which {@link InteractionParser} reads with one code path.
 */
public final class RecordValues {

    /** Shared, thread-safe. Duplicate keys are an error rather than "last wins". */
    public static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final String STRUCT_CLASS = "org.apache.kafka.connect.data.Struct";

    private RecordValues() {
    }

    /**
     * @throws InvalidEventException {@link ReasonCode#UNDECODABLE} or {@link ReasonCode#NOT_AN_OBJECT}
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> toMap(Object value) {
        if (value == null) {
            throw reject(ReasonCode.UNDECODABLE, "the record has no value (tombstone)");
        }
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        if (value instanceof byte[] bytes) {
            return parse(decodeUtf8(ByteBuffer.wrap(bytes)));
        }
        if (value instanceof ByteBuffer buffer) {
            return parse(decodeUtf8(buffer.duplicate()));
        }
        if (value instanceof CharSequence text) {
            return parse(text.toString());
        }
        if (value instanceof JsonNode node) {
            if (!node.isObject()) {
                throw reject(ReasonCode.NOT_AN_OBJECT, "the record value is JSON " + node.getNodeType() + ", not an object");
            }
            return JSON.convertValue(node, MAP);
        }
        if (STRUCT_CLASS.equals(value.getClass().getName())) {
            return StructValues.toMap(value);
        }
        throw reject(ReasonCode.UNDECODABLE, "cannot read a record value of type " + value.getClass().getName());
    }

    private static String decodeUtf8(ByteBuffer buffer) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(buffer).toString();
        } catch (CharacterCodingException e) {
            throw reject(ReasonCode.UNDECODABLE, "the record value is not valid UTF-8");
        }
    }

    private static Map<String, Object> parse(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw reject(ReasonCode.UNDECODABLE, "the record value " + JsonErrors.describe(e));
        } catch (IOException e) {
            throw reject(ReasonCode.UNDECODABLE, "the record value could not be read as JSON");
        }
        if (node == null || node.isMissingNode()) {
            throw reject(ReasonCode.UNDECODABLE, "the record value is empty");
        }
        if (!node.isObject()) {
            throw reject(ReasonCode.NOT_AN_OBJECT, "the record value is JSON " + node.getNodeType() + ", not an object");
        }
        return JSON.convertValue(node, MAP);
    }

    private static InvalidEventException reject(ReasonCode code, String message) {
        return new InvalidEventException(Rejection.ofRecord(code, null, message));
    }
}
