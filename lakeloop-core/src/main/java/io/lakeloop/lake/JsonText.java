package io.lakeloop.lake;

/**
 * JSON strings and numbers written the way Jackson's default generator writes them: {@code "} and {@code \} escaped,
 * control characters as backslash-b, -t, -n, -f, -r or a backslash-u00XX escape (upper-case hex),
 * everything else as it is;
 * doubles as {@link Double#toString(double)}, non-finite ones quoted.
 */
final class JsonText {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private JsonText() {
    }

    static void appendString(StringBuilder sb, String s) {
        sb.append('"');
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            sb.append(s, start, i);
            start = i + 1;
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\f' -> sb.append("\\f");
                case '\r' -> sb.append("\\r");
                default -> sb.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        sb.append(s, start, s.length()).append('"');
    }

    static void appendDouble(StringBuilder sb, double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            sb.append('"').append(d).append('"');
        } else {
            sb.append(d);
        }
    }
}
