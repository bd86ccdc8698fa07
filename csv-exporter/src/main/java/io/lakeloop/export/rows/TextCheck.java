package io.lakeloop.export.rows;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Whether an output row is text Personalize can import: strict UTF-8 (no overlong forms, no surrogates — a lone
 * surrogate is not encodable — nothing above U+10FFFF) and no NUL character. ASCII rows without NUL, the usual case,
 * are checked eight bytes at a time.
 */
public final class TextCheck {

    static final String INVALID_UTF8 = "INVALID_UTF8";
    static final String NUL_CHARACTER = "NUL_CHARACTER";

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH = 0x8080808080808080L;
    private static final long ONES = 0x0101010101010101L;

    private TextCheck() {
    }

    /** @return null when the bytes are clean text, else {@link #INVALID_UTF8} or {@link #NUL_CHARACTER} */
    public static String check(byte[] b, int off, int len) {
        int p = off;
        int end = off + len;
        while (p + 8 <= end) {
            long w = (long) LONGS.get(b, p);
            if ((w & HIGH) != 0 || ((w - ONES) & ~w & HIGH) != 0) {
                return slow(b, p, end);
            }
            p += 8;
        }
        return slow(b, p, end);
    }

    /** Strings (JSON-lines cells): a lone surrogate cannot become UTF-8, a NUL is refused as in bytes. */
    static String check(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                return NUL_CHARACTER;
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return INVALID_UTF8;
            }
        }
        return null;
    }

    private static String slow(byte[] b, int p, int end) {
        while (p < end) {
            int c = b[p] & 0xFF;
            if (c < 0x80) {
                if (c == 0) {
                    return NUL_CHARACTER;
                }
                p++;
                continue;
            }
            int n;
            int min;
            int cp;
            if (c >= 0xC2 && c <= 0xDF) {
                n = 1;
                min = 0x80;
                cp = c & 0x1F;
            } else if (c >= 0xE0 && c <= 0xEF) {
                n = 2;
                min = 0x800;
                cp = c & 0x0F;
            } else if (c >= 0xF0 && c <= 0xF4) {
                n = 3;
                min = 0x10000;
                cp = c & 0x07;
            } else {
                return INVALID_UTF8;
            }
            if (p + n >= end) { // truncated sequence
                return INVALID_UTF8;
            }
            for (int k = 1; k <= n; k++) {
                int cc = b[p + k] & 0xFF;
                if ((cc & 0xC0) != 0x80) {
                    return INVALID_UTF8;
                }
                cp = (cp << 6) | (cc & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                return INVALID_UTF8;
            }
            p += n + 1;
        }
        return null;
    }
}
