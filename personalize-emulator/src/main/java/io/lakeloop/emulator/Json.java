package io.lakeloop.emulator;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.lakeloop.event.JsonErrors;
import java.io.IOException;
import java.util.function.Function;

/** The one Jackson mapper of the emulator: exact decimals in, null members omitted out (as the service does). */
final class Json {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private Json() {
    }

    /**
     * A request body that must be a JSON object; anything else (malformed, beyond Jackson's read limits, not an
     * object) becomes {@code error} of a message that names the position or the limit, never part of the body.
     */
    static JsonNode readObject(byte[] body, Function<String, RuntimeException> error) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw error.apply("The request body " + JsonErrors.describe(e));
        } catch (IOException e) {
            throw error.apply("The request body could not be read");
        }
        if (tree == null || !tree.isObject()) {
            throw error.apply("The request body must be a JSON object");
        }
        return tree;
    }
}
