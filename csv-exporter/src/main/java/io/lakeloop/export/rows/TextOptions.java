package io.lakeloop.export.rows;

import java.util.List;
import java.util.Locale;

/**
 * How text parts are split, for tables Athena or Hive wrote as {@code TEXTFILE} (no header, U+0001 between
 * fields, {@code \N} for null) as well as CSV.
 *
 * @param delimiter    the field delimiter (a byte below 0x80), or -1 to detect it per part from its first line
 *                     (U+0001, else a tab when the line has no comma, else CSV)
 * @param escape       Hive's {@code ESCAPED BY} byte for delimited text, or -1 (none: a backslash is data)
 * @param inputColumns the table's columns in order, for parts without a header; empty: the lake schema for rows of
 *                     seven fields, {@code USER_ID,ITEM_ID,TIMESTAMP} for rows of three
 */
public record TextOptions(int delimiter, int escape, List<String> inputColumns) {

    public static final TextOptions DETECT = new TextOptions(-1, -1, List.of());

    public TextOptions {
        if (delimiter < -1 || delimiter >= 0x80 || delimiter == '\n' || delimiter == '\r' || delimiter == '"') {
            throw new IllegalArgumentException("the delimiter must be one ASCII character other than a quote, CR or LF");
        }
        if (escape < -1 || escape >= 0x80 || escape == '\n' || escape == '\r' || escape >= 0 && escape == delimiter) {
            throw new IllegalArgumentException("the escape must be one ASCII character other than CR, LF and the "
                    + "delimiter");
        }
        inputColumns = inputColumns.stream().map(c -> c.trim().toUpperCase(Locale.ROOT)).toList();
    }

    /**
     * A delimiter or escape as users type it: one character, or {@code \\u0001} (as typed), {@code ^A},
     * {@code \001}, {@code \x01}, {@code 0x01}, {@code \t}, {@code tab}.
     */
    public static int parseChar(String text, String option) {
        String t = text.strip();
        while (t.startsWith("\\\\")) {
            t = t.substring(1); // a shell or a config that doubled the backslash
        }
        int c;
        try {
            if (t.length() == 1) {
                c = t.charAt(0);
            } else if (t.equalsIgnoreCase("tab") || t.equals("\\t")) {
                c = '\t';
            } else if (t.length() == 2 && t.charAt(0) == '^' && t.charAt(1) >= '@' && t.charAt(1) <= '_') {
                c = t.charAt(1) - '@';
            } else if (t.matches("(?i)\\\\u[0-9a-f]{4}")) {
                c = Integer.parseInt(t.substring(2), 16);
            } else if (t.matches("(?i)(\\\\x|0x)[0-9a-f]{1,2}")) {
                c = Integer.parseInt(t.substring(2), 16);
            } else if (t.matches("\\\\[0-7]{1,3}")) {
                c = Integer.parseInt(t.substring(1), 8);
            } else {
                c = -2;
            }
        } catch (NumberFormatException e) {
            c = -2;
        }
        if (c < 0 || c >= 0x80) {
            throw new IllegalArgumentException(option + " '" + text + "' is not one ASCII character (forms: ',', "
                    + "'\\u0001', '^A', '\\001', '\\x01', 'tab')");
        }
        return c;
    }

    /** How a delimiter is shown in a part's format: {@code text(\\u0001)}. */
    static String describe(int delimiter) {
        return delimiter >= 0x20 && delimiter < 0x7F ? String.valueOf((char) delimiter)
                : String.format(Locale.ROOT, "\\u%04x", delimiter);
    }
}
