package io.lakeloop.connect.s3.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.lakeloop.event.RecordValues;
import io.lakeloop.lake.Csv;
import io.lakeloop.lake.LakeColumn;
import io.lakeloop.lake.LakeRow;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * RFC 4180 CSV rows (core's {@link Csv}) with a header. When every configured column is a {@link LakeColumn}, a record
 * is read as a {@link LakeRow} and written with the lake schema's rules, so the lake table and the exporter agree on
 * every cell; otherwise each column is looked up case-insensitively and must be present.
 */
public final class CsvFormat implements RecordFormat {

    private final List<String> columns;
    private final List<LakeColumn> lakeColumns;
    private final byte[] header;

    public CsvFormat(List<String> columns, boolean header) {
        this.columns = List.copyOf(columns);
        List<LakeColumn> lake = new ArrayList<>();
        for (String c : columns) {
            Optional<LakeColumn> col = LakeColumn.byName(c);
            col.ifPresent(lake::add);
        }
        this.lakeColumns = lake.size() == columns.size() ? List.copyOf(lake) : null;
        this.header = header ? Csv.row(this.columns).getBytes(StandardCharsets.UTF_8) : new byte[0];
    }

    /** Whether rows are read with the lake schema's rules. */
    public boolean lakeSchema() {
        return lakeColumns != null;
    }

    @Override
    public String extension() {
        return ".csv";
    }

    @Override
    public byte[] header() {
        return header.clone();
    }

    @Override
    public byte[] render(RecordView view) throws RenderException {
        if (view.value() == null) {
            throw new RenderException("the record has no value (tombstone)");
        }
        Map<String, Object> map = view.map();
        List<String> cells;
        if (lakeColumns != null) {
            try {
                cells = LakeRow.fromMap(map).cells(lakeColumns);
            } catch (NumberFormatException e) {
                // its message quotes the value: never passed on
                throw new RenderException("not a lake row: a numeric column (TIMESTAMP or EVENT_VALUE) is not a number");
            } catch (IllegalArgumentException e) {
                // core's lake-row messages name the column, never the value
                throw new RenderException(e.getMessage() == null ? "not a lake row" : e.getMessage());
            }
        } else {
            cells = genericCells(map);
        }
        StringBuilder sb = new StringBuilder(128);
        Csv.appendRow(sb, cells);
        if (hasLoneSurrogate(sb)) {
            // String.getBytes would write '?' in its place: a silent change of the value
            throw new RenderException("a field holds a lone UTF-16 surrogate, which UTF-8 cannot encode");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Whether {@code s} holds a UTF-16 surrogate without its pair (UTF-8 cannot encode it). */
    public static boolean hasLoneSurrogate(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private List<String> genericCells(Map<String, Object> map) throws RenderException {
        Map<String, Object> byLowerName = new HashMap<>(map.size() * 2);
        for (Map.Entry<String, Object> e : map.entrySet()) {
            byLowerName.putIfAbsent(e.getKey().toLowerCase(Locale.ROOT), e.getValue());
        }
        List<String> cells = new ArrayList<>(columns.size());
        for (String column : columns) {
            Object v = byLowerName.get(column.toLowerCase(Locale.ROOT));
            if (v == null) {
                throw new RenderException("CSV column '" + column + "' is missing from the record value");
            }
            cells.add(cell(column, v));
        }
        return cells;
    }

    private static String cell(String column, Object v) throws RenderException {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        try {
            return RecordValues.JSON.writeValueAsString(v);
        } catch (JsonProcessingException e) {
            throw new RenderException("CSV column '" + column + "' cannot be rendered");
        }
    }
}
