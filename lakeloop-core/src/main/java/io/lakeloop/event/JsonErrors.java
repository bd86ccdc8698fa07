package io.lakeloop.event;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

/**
 * The one way Lakeloop describes a JSON read failure: safe to log and to put in a dead-letter header.
 *
 * <p>Jackson's own messages may quote the payload ("Unrecognized token 'u123'"), so they are never passed on,
 * except for {@link StreamConstraintsException}, whose message only names the limit and the sizes (nesting depth,
 * number length, string length, name length, document length, token count). Its {@code getLocation()} is null, which
 * is why every reader must go through here rather than format the location itself.
 */
public final class JsonErrors {

    private JsonErrors() {
    }

    /**
     * A short description of why the JSON could not be read, without any part of the input: the constraint that was
     * exceeded, or the line and column of the syntax error.
     */
    public static String describe(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException) {
            String limit = e.getOriginalMessage();
            return "exceeds a JSON read limit: " + (limit == null ? "unknown limit" : limit);
        }
        JsonLocation location = e.getLocation();
        if (location != null && location.getLineNr() > 0) {
            return "is not valid JSON (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
        }
        return "is not valid JSON";
    }
}
