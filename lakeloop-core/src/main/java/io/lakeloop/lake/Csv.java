package io.lakeloop.lake;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV: rows end in CRLF; a field is quoted when it holds a comma, a double quote, CR or LF, or starts or
 * ends with a space (so no reader trims it), and quotes inside are doubled. Everything else is written bare, so a
 * header of plain column names stays unquoted as Personalize wants.
 */
public final class Csv {

    private Csv() {
    }

    public static boolean needsQuotes(String field) {
        if (field.isEmpty()) {
            return false;
        }
        if (field.charAt(0) == ' ' || field.charAt(field.length() - 1) == ' ') {
            return true;
        }
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return true;
            }
        }
        return false;
    }

    public static void appendField(StringBuilder sb, String field) {
        if (!needsQuotes(field)) {
            sb.append(field);
            return;
        }
        sb.append('"');
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '"') {
                sb.append('"');
            }
            sb.append(c);
        }
        sb.append('"');
    }

    public static void appendRow(StringBuilder sb, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            appendField(sb, fields.get(i));
        }
        sb.append("\r\n");
    }

    public static String row(List<String> fields) {
        StringBuilder sb = new StringBuilder();
        appendRow(sb, fields);
        return sb.toString();
    }

    /**
     * A streaming RFC 4180 reader: quoted fields may hold commas, quotes and line breaks; rows may end in CRLF or LF.
     * Not thread-safe. Wrap the reader in a {@link java.io.BufferedReader} for speed.
     */
    public static final class Parser {
        private final Reader in;
        private int pushback = -2;
        private long row;

        public Parser(Reader in) {
            this.in = in;
        }

        /** The number of rows read so far (1 after the first). */
        public long rowNumber() {
            return row;
        }

        /** @return the next row, or {@code null} at the end of input */
        public List<String> next() {
            try {
                int c = read();
                if (c == -1) {
                    return null;
                }
                List<String> fields = new ArrayList<>(8);
                StringBuilder field = new StringBuilder(32);
                row++;
                while (true) {
                    if (c == '"' && field.isEmpty()) {
                        c = readQuoted(field);
                    }
                    if (c == ',') {
                        fields.add(field.toString());
                        field.setLength(0);
                    } else if (c == '\n' || c == -1) {
                        fields.add(field.toString());
                        return fields;
                    } else if (c == '\r') {
                        int n = read();
                        if (n != '\n' && n != -1) {
                            pushback = n;
                        }
                        fields.add(field.toString());
                        return fields;
                    } else {
                        field.append((char) c);
                    }
                    c = read();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Reads a quoted field after its opening quote; returns the character after the closing quote. */
        private int readQuoted(StringBuilder field) throws IOException {
            while (true) {
                int c = read();
                if (c == -1) {
                    throw new IllegalArgumentException("CSV row " + row + ": unterminated quoted field");
                }
                if (c == '"') {
                    int n = read();
                    if (n != '"') {
                        return n;
                    }
                }
                field.append((char) c);
            }
        }

        private int read() throws IOException {
            if (pushback != -2) {
                int c = pushback;
                pushback = -2;
                return c;
            }
            return in.read();
        }
    }
}
