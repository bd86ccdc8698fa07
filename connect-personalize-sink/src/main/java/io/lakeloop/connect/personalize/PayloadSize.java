package io.lakeloop.connect.personalize;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.header.Headers;

/**
 * About how many bytes a record's key, value or headers take: serialized (what a dead-letter producer writes) and in
 * memory (what the task holds while the record is not done). Structured values (Map, Struct, List) are estimated from
 * their contents; nothing is serialized to measure.
 */
final class PayloadSize {

    /** Object headers, references, boxing: a floor for any non-null value. */
    private static final int OVERHEAD = 16;

    private PayloadSize() {
    }

    /** Bytes of {@code value} on the wire: UTF-8 length of text, length of bytes, a JSON-ish estimate otherwise. */
    static long serialized(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof byte[] bytes) {
            return bytes.length;
        }
        if (value instanceof ByteBuffer buffer) {
            return buffer.remaining();
        }
        if (value instanceof CharSequence text) {
            return utf8Length(text);
        }
        if (value instanceof Map<?, ?> map) {
            long n = 2;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                n += serialized(e.getKey()) + serialized(e.getValue()) + 4;
            }
            return n;
        }
        if (value instanceof Collection<?> list) {
            long n = 2;
            for (Object o : list) {
                n += serialized(o) + 1;
            }
            return n;
        }
        if (value instanceof Struct struct) {
            long n = 2;
            for (Field f : struct.schema().fields()) {
                n += f.name().length() + serialized(struct.get(f)) + 4;
            }
            return n;
        }
        return 24; // numbers, booleans, dates
    }

    /** Bytes of the headers on the wire (names and values). */
    static long serialized(Headers headers) {
        long n = 0;
        if (headers != null) {
            for (Header h : headers) {
                n += h.key().length() + serialized(h.value()) + 8;
            }
        }
        return n;
    }

    /** About how much heap {@code value} holds: Java strings keep up to two bytes a character. */
    static long inMemory(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof CharSequence text) {
            return 40L + 2L * text.length();
        }
        return OVERHEAD + 2 * serialized(value);
    }

    private static long utf8Length(CharSequence text) {
        long n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
