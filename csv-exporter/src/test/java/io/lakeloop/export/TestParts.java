package io.lakeloop.export;

import io.lakeloop.lake.Csv;
import io.lakeloop.lake.LakeColumn;
import io.lakeloop.lake.LakeRow;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** Builds lake parts for tests (with core's own CSV and JSON writers) and reads outputs back with commons-csv. */
final class TestParts {

    static final long T0 = 1_700_000_000L;

    private TestParts() {
    }

    static LakeRow row(String user, String item, long ts) {
        return new LakeRow(user, item, ts, "click", null, "s-" + user, "e-" + user + "-" + item + "-" + ts);
    }

    /** {@code count} rows, users u0..u(users-1) round robin, items i<k>. */
    static List<LakeRow> rows(String prefix, int count, int users) {
        List<LakeRow> rows = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            rows.add(row(prefix + "u" + (k % users), prefix + "i" + k, T0 + k));
        }
        return rows;
    }

    static byte[] csv(List<LakeRow> rows) {
        return csv(rows, LakeColumn.ALL, true);
    }

    static byte[] csv(List<LakeRow> rows, List<LakeColumn> columns, boolean header) {
        StringBuilder sb = new StringBuilder();
        if (header) {
            Csv.appendRow(sb, columns.stream().map(Enum::name).toList());
        }
        for (LakeRow r : rows) {
            sb.append(r.toCsvLine(columns));
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] jsonLines(List<LakeRow> rows) {
        StringBuilder sb = new StringBuilder();
        for (LakeRow r : rows) {
            sb.append(r.toJson()).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] gzip(byte[] data) {
        try {
            ByteArrayOutputStream bos = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
                gz.write(data);
            }
            return bos.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A multi-member gzip: each piece compressed on its own, the members concatenated. */
    static byte[] gzipMembers(byte[]... pieces) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        for (byte[] p : pieces) {
            bos.writeBytes(gzip(p));
        }
        return bos.toByteArray();
    }

    static Path write(Path dir, String name, byte[] data) {
        try {
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            return Files.write(p, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The records of a CSV as a standard parser (commons-csv, RFC 4180) reads them, header included. */
    static List<List<String>> parse(String csv) {
        try {
            List<List<String>> out = new ArrayList<>();
            for (CSVRecord r : CSVFormat.RFC4180.parse(new StringReader(csv))) {
                out.add(r.toList());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<List<String>> parse(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The expected output records of rows: their cells for the columns. */
    static List<List<String>> expected(List<LakeRow> rows, List<LakeColumn> columns) {
        List<List<String>> out = new ArrayList<>();
        out.add(columns.stream().map(Enum::name).toList());
        for (LakeRow r : rows) {
            out.add(r.cells(columns));
        }
        return out;
    }
}
