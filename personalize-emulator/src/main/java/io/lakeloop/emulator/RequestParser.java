package io.lakeloop.emulator;

import com.fasterxml.jackson.databind.JsonNode;

/** Validates one operation's request body exactly as the model says and turns it into records. */
interface RequestParser {

    /**
     * @throws ApiException {@code InvalidInputException} naming every violated constraint, or
     *                      {@code SerializationException} for a member of the wrong JSON type
     */
    ValidCall parse(JsonNode body);
}
