package io.lakeloop.export.rows;

import com.dynatrace.hash4j.hashing.HashValue128;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.lakeloop.event.JsonErrors;
import io.lakeloop.event.InvalidEventException;
import io.lakeloop.event.ReasonCode;
import io.lakeloop.event.RecordValues;
import io.lakeloop.lake.Csv;
import io.lakeloop.lake.LakeColumn;
import io.lakeloop.lake.LakeRow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON-lines part: one object per line keyed by the lake column names (case-insensitive), as the S3 sink writes
 * {@code lake.interactions} when configured for JSON. Each line becomes a {@link LakeRow} through core's
 * {@link LakeRow#fromMap} after its TIMESTAMP is normalised to epoch seconds, and is written with core's
 * {@link Csv} quoting.
 */
public final class JsonLinesPartReader extends PartReader {

    JsonLinesPartReader(ByteInput in, RowRules rules, String partName) {
        super(in, rules, partName);
    }

    @Override
    void start() {
    }

    /** JSON lines carry no header: the cross-part header check is for CSV parts. */
    @Override
    public List<String> header() {
        return List.of();
    }

    @Override
    public String format() {
        return "json-lines";
    }

    @Override
    public void readRows(RowSink sink) throws IOException, InterruptedException {
        StringBuilder sb = new StringBuilder(128);
        while (true) {
            int nl = findLineEnd();
            if (nl == -1) {
                return;
            }
            record++;
            if (nl == -2 || nl - in.pos > RowRules.MAX_ROW_BYTES) {
                rowsIn++;
                reject(RowRules.ROW_TOO_LONG);
                if (nl == -2) {
                    in.skipLine();
                } else {
                    in.pos = Math.min(nl + 1, in.limit);
                }
                continue;
            }
            int start = in.pos;
            int end = nl > start && in.buf[nl - 1] == '\r' ? nl - 1 : nl;
            in.pos = nl < in.limit ? nl + 1 : nl;
            if (!isBlank(start, end)) {
                rowsIn++;
                line(start, end, sink, sb);
            }
        }
    }

    /** The index of the next LF (or the end of the part), -1 at the end, -2 for a line that is too long. */
    private int findLineEnd() throws IOException {
        int from = in.pos;
        while (true) {
            for (int p = from; p < in.limit; p++) {
                if (in.buf[p] == '\n') {
                    return p;
                }
            }
            if (in.eof) {
                return in.pos < in.limit ? in.limit : -1;
            }
            if (in.limit - in.pos >= RowRules.MAX_ROW_BYTES) {
                return -2;
            }
            int scanned = in.limit - in.pos;
            in.fill();
            from = in.pos + scanned;
        }
    }

    private boolean isBlank(int start, int end) {
        for (int p = start; p < end; p++) {
            byte c = in.buf[p];
            if (c != ' ' && c != '\t' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    private void line(int start, int end, RowSink sink, StringBuilder sb) throws InterruptedException {
        JsonNode node;
        try {
            node = RecordValues.JSON.readTree(in.buf, start, end - start);
        } catch (JsonProcessingException e) {
            // Jackson's stream constraints (nesting > 1,000, numbers > 1,000 digits...) have no location: core's
            // JsonErrors says which limit, and never quotes the line
            reject(ReasonCode.UNDECODABLE.name(), JsonErrors.describe(e));
            return;
        } catch (IOException | RuntimeException e) {
            reject(ReasonCode.UNDECODABLE.name(), "is not readable JSON (" + e.getClass().getSimpleName() + ")");
            return;
        }
        if (node == null || !node.isObject()) {
            reject(ReasonCode.NOT_AN_OBJECT.name());
            return;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        Object rawTs = null;
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            JsonNode v = e.getValue();
            Object value = v.isNull() ? null : v.isNumber() ? v.numberValue() : v.isValueNode() ? v.asText() : v;
            if (LakeColumn.byName(e.getKey()).orElse(null) == LakeColumn.TIMESTAMP) {
                rawTs = value;
            } else {
                map.put(e.getKey(), value);
            }
        }
        LakeRow row;
        try {
            map.put(LakeColumn.TIMESTAMP.name(), rules.epochSeconds(rawTs));
            row = LakeRow.fromMap(map);
        } catch (InvalidEventException e) {
            reject(e.rejection().code().name());
            return;
        } catch (IllegalArgumentException e) {
            reject(e.getMessage() != null && e.getMessage().contains("missing")
                    ? ReasonCode.MISSING_FIELD.name() : ReasonCode.WRONG_TYPE.name());
            return;
        } catch (RuntimeException e) { // a value no rule foresaw must reject its row, never stop the export
            reject(ReasonCode.WRONG_TYPE.name(), e.getClass().getSimpleName());
            return;
        }
        emit(row, sink, sb);
    }

    private void emit(LakeRow row, RowSink sink, StringBuilder sb) throws InterruptedException {
        byte[] user = row.userId().getBytes(StandardCharsets.UTF_8);
        byte[] item = row.itemId().getBytes(StandardCharsets.UTF_8);
        String bad = RowRules.checkId(user, 0, user.length);
        if (bad == null) {
            bad = RowRules.checkId(item, 0, item.length);
        }
        if (bad == null && rules.output().contains(LakeColumn.EVENT_TYPE)) {
            byte[] type = row.eventType().getBytes(StandardCharsets.UTF_8);
            bad = RowRules.checkId(type, 0, type.length);
        }
        if (bad == null && row.eventValue() != null
                && (!Double.isFinite(row.eventValue()) || Math.abs(row.eventValue()) > Float.MAX_VALUE)) {
            bad = ReasonCode.EVENT_VALUE_INVALID.name();
        }
        if (bad != null) {
            reject(bad);
            return;
        }
        List<String> cells = row.cells(rules.output());
        for (String cell : cells) {
            String text = cell == null ? null : TextCheck.check(cell);
            if (text != null) {
                reject(text);
                return;
            }
        }
        sb.setLength(0);
        Csv.appendRow(sb, cells);
        byte[] out = sb.toString().getBytes(StandardCharsets.UTF_8);
        long a = 0;
        long b = 0;
        if (rules.dedupe() == Dedupe.ROWS) {
            HashValue128 f = Hashing.fingerprint(out, 0, out.length);
            a = f.getMostSignificantBits();
            b = f.getLeastSignificantBits();
        } else if (rules.dedupe() == Dedupe.EVENT_ID && !row.eventId().isEmpty()) {
            byte[] id = row.eventId().getBytes(StandardCharsets.UTF_8);
            HashValue128 f = Hashing.fingerprint(id, 0, id.length);
            a = f.getMostSignificantBits() | 1;
            b = f.getLeastSignificantBits();
        }
        sink.row(out, out.length, Hashing.id(user, 0, user.length),
                Hashing.id(item, 0, item.length), row.timestamp(), a, b);
    }
}
