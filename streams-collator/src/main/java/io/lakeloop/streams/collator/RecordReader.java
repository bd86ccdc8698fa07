package io.lakeloop.streams.collator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.lakeloop.event.RecordValues;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Reads a raw record value for core's {@code InteractionParser} in one pass: UTF-8 bytes straight into the field map
 * with core's own {@code ObjectMapper} (same read limits, duplicate keys rejected), instead of core's general path
 * (decode to a String, build a tree, convert the tree to a map), which reads every byte three times.
 *
 * <p>Only the well-formed case takes the fast path. Whatever it does not accept — a value that is not a JSON object,
 * not valid JSON, or bytes that are not valid UTF-8 (checked strictly, as core's decoder does, whenever a byte is not
 * ASCII: Jackson itself lets overlong forms and encoded surrogates through) — is handed to core as it is, so verdicts
 * and messages stay exactly core's. A leading UTF-8 byte-order mark is skipped either way. One instance per stream
 * task: not thread-safe.
 */
final class RecordReader {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final CharsetDecoder strictUtf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    /** The field map of a well-formed JSON object, else the value for core to judge (BOM removed). */
    Object read(byte[] value) {
        if (value == null) {
            return null;
        }
        int offset = hasBom(value) ? UTF8_BOM.length : 0;
        int length = value.length - offset;
        if (length > 0 && value[offset] == '{' && isUtf8(value, offset, length)) {
            try {
                return RecordValues.JSON.readValue(value, offset, length, MAP);
            } catch (JsonProcessingException e) {
                // core reads it again and says why, in its words
            } catch (IOException e) {
                // the same
            }
        }
        return offset == 0 ? value : ByteBuffer.wrap(value, offset, length);
    }

    private boolean isUtf8(byte[] bytes, int offset, int length) {
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (bytes[i] < 0) {
                try {
                    strictUtf8.reset().decode(ByteBuffer.wrap(bytes, offset, length));
                    return true;
                } catch (CharacterCodingException e) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean hasBom(byte[] value) {
        return value.length >= UTF8_BOM.length && value[0] == UTF8_BOM[0] && value[1] == UTF8_BOM[1]
                && value[2] == UTF8_BOM[2];
    }
}
