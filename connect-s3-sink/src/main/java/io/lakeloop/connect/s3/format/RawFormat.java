package io.lakeloop.connect.s3.format;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Records exactly as producers sent them, one per line, as Firehose lands them: whatever the bytes are (JSON or not,
 * valid UTF-8 or not), a value without a line break is written byte for byte, followed by {@code \n}.
 *
 * <p>A value that contains {@code \n} or {@code \r}, or that starts with {@value #ENCODED_PREFIX}, is written as
 * {@value #ENCODED_PREFIX} followed by its standard Base64 encoding. Reading back is one rule: a line starting with
 * the prefix is Base64-decoded, any other line is the value itself. Escaping line breaks instead (e.g. as
 * {@code \n}) would change every value holding a backslash, which most JSON with escaped quotes does; Base64 only
 * touches the rare values that cannot be one line, and leaves every other line byte-exact.
 *
 * <p>Values must be bytes (the {@code ByteArrayConverter}) or strings ({@code StringConverter}, written as UTF-8);
 * tombstones have no bytes at all (see {@code behavior.on.null.values}).
 */
public final class RawFormat implements RecordFormat {

    /** Marks a Base64-encoded line. */
    public static final String ENCODED_PREFIX = "base64:";
    private static final byte[] PREFIX = ENCODED_PREFIX.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NONE = new byte[0];

    @Override
    public String extension() {
        return ".raw";
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
        byte[] bytes;
        if (value instanceof byte[] b) {
            bytes = b;
        } else if (value instanceof ByteBuffer buffer) {
            ByteBuffer dup = buffer.duplicate();
            bytes = new byte[dup.remaining()];
            dup.get(bytes);
        } else if (value instanceof String s) {
            bytes = s.getBytes(StandardCharsets.UTF_8);
        } else {
            throw new RenderException("format=raw writes bytes or strings, not a value of type "
                    + value.getClass().getSimpleName() + " (use the ByteArrayConverter)");
        }
        return line(bytes);
    }

    /** The line (with its {@code \n}) that holds {@code value}. */
    public static byte[] line(byte[] value) {
        if (!needsEncoding(value)) {
            byte[] out = Arrays.copyOf(value, value.length + 1);
            out[value.length] = '\n';
            return out;
        }
        byte[] encoded = Base64.getEncoder().encode(value);
        byte[] out = new byte[PREFIX.length + encoded.length + 1];
        System.arraycopy(PREFIX, 0, out, 0, PREFIX.length);
        System.arraycopy(encoded, 0, out, PREFIX.length, encoded.length);
        out[out.length - 1] = '\n';
        return out;
    }

    /** The value a line (without its {@code \n}) holds: the inverse of {@link #line}. */
    public static byte[] value(byte[] line) {
        if (startsWithPrefix(line)) {
            return Base64.getDecoder().decode(Arrays.copyOfRange(line, PREFIX.length, line.length));
        }
        return line.clone();
    }

    private static boolean needsEncoding(byte[] value) {
        if (startsWithPrefix(value)) {
            return true;
        }
        for (byte b : value) {
            if (b == '\n' || b == '\r') {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWithPrefix(byte[] bytes) {
        return bytes.length >= PREFIX.length && Arrays.equals(bytes, 0, PREFIX.length, PREFIX, 0, PREFIX.length);
    }
}
