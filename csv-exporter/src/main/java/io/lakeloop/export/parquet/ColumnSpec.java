package io.lakeloop.export.parquet;

import io.lakeloop.export.rows.PartFormatException;
import io.lakeloop.lake.LakeColumn;
import java.util.List;
import java.util.Locale;
import org.apache.parquet.format.ConvertedType;
import org.apache.parquet.format.FieldRepetitionType;
import org.apache.parquet.format.LogicalType;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.TimeUnit;
import org.apache.parquet.format.Type;

/**
 * One lake column of a Parquet file: the top-level field it was matched to (case-insensitively), its physical type
 * and what its values mean. Nested fields, repeated fields and types no lake column can hold are refused with the
 * object and the column named.
 *
 * @param leaf     the field's index among the schema's leaf columns (= its column chunk in every row group)
 * @param optional whether values may be null (one definition level)
 * @param value    how the values become a cell: {@link Value}
 */
record ColumnSpec(LakeColumn column, String field, int leaf, Type type, int typeLength, boolean optional,
                  Value value) {

    /** What a physical value means. */
    enum Value {
        /** Text (BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY): UTF-8 bytes as they are. */
        TEXT,
        /** A signed integer (INT32/INT64, DECIMAL with scale 0), written in decimal. */
        INTEGER,
        /** An unsigned 64-bit integer. */
        UNSIGNED,
        /** A number with no unit: an epoch timestamp read by {@code --timestamp-unit}. */
        EPOCH,
        EPOCH_DAYS, EPOCH_MILLIS, EPOCH_MICROS, EPOCH_NANOS,
        /** INT96: nanoseconds of the day and a Julian day (Hive, Impala, old Spark and Athena engines). */
        INT96,
        /** FLOAT or DOUBLE. */
        FLOATING
    }

    /** Plans the columns {@code wanted} of a file's schema. */
    static List<ColumnSpec> plan(List<SchemaElement> schema, java.util.Collection<LakeColumn> wanted, String object)
            throws PartFormatException {
        if (schema.isEmpty()) {
            throw new PartFormatException(object + ": a Parquet footer without a schema");
        }
        int fields = schema.get(0).getNum_children();
        java.util.Map<String, int[]> byName = new java.util.HashMap<>(); // upper-case name -> {schema index, leaf}
        int i = 1;
        int leaf = 0;
        for (int f = 0; f < fields; f++) {
            if (i >= schema.size()) {
                throw new PartFormatException(object + ": a Parquet schema shorter than its field count");
            }
            String name = schema.get(i).getName().toUpperCase(Locale.ROOT);
            if (byName.put(name, new int[] {i, leaf}) != null && LakeColumn.byName(name).isPresent()) {
                throw new PartFormatException(object + ": column " + name + " appears twice (names are matched "
                        + "case-insensitively)");
            }
            int end = skip(schema, i);
            leaf += leaves(schema, i, end);
            i = end;
        }
        List<ColumnSpec> out = new java.util.ArrayList<>();
        for (LakeColumn c : wanted) {
            int[] at = byName.get(c.name());
            if (at == null) {
                throw new PartFormatException(object + ": no column " + c + " (Parquet columns "
                        + byName.keySet().stream().sorted().toList() + ")");
            }
            out.add(of(c, schema.get(at[0]), at[1], object));
        }
        return out;
    }

    private static ColumnSpec of(LakeColumn c, SchemaElement e, int leaf, String object) throws PartFormatException {
        String where = object + ": column " + e.getName();
        if (e.isSetNum_children() && e.getNum_children() > 0) {
            throw new PartFormatException(where + " is nested (a group of " + e.getNum_children()
                    + " fields); " + c + " must be a plain column");
        }
        if (e.getRepetition_type() == FieldRepetitionType.REPEATED) {
            throw new PartFormatException(where + " is repeated (a list); " + c + " must hold one value per row");
        }
        boolean optional = e.getRepetition_type() != FieldRepetitionType.REQUIRED;
        Type type = e.getType();
        Value value = value(c, e, type);
        if (value == null) {
            throw new PartFormatException(where + " has type " + describe(e) + ", which " + c + " cannot hold ("
                    + (c == LakeColumn.TIMESTAMP ? "a timestamp is INT64/INT32 epoch, TIMESTAMP(unit), INT96, "
                    + "DATE or a string" : "ids are strings or integers") + ")");
        }
        return new ColumnSpec(c, e.getName(), leaf, type, e.isSetType_length() ? e.getType_length() : 0, optional,
                value);
    }

    private static Value value(LakeColumn c, SchemaElement e, Type type) {
        LogicalType lt = e.isSetLogicalType() ? e.getLogicalType() : null;
        ConvertedType ct = e.isSetConverted_type() ? e.getConverted_type() : null;
        boolean decimal = ct == ConvertedType.DECIMAL || lt != null && lt.isSetDECIMAL();
        int scale = lt != null && lt.isSetDECIMAL() ? lt.getDECIMAL().getScale() : e.isSetScale() ? e.getScale() : 0;
        boolean timestamp = c == LakeColumn.TIMESTAMP;
        switch (type) {
            case BYTE_ARRAY:
            case FIXED_LEN_BYTE_ARRAY:
                return decimal || lt != null && (lt.isSetUUID() || lt.isSetFLOAT16()) ? null : Value.TEXT;
            case INT32:
            case INT64:
                if (decimal) {
                    return scale == 0 && !timestamp ? Value.INTEGER : null;
                }
                if (lt != null && lt.isSetTIMESTAMP() || ct == ConvertedType.TIMESTAMP_MILLIS
                        || ct == ConvertedType.TIMESTAMP_MICROS) {
                    return timestamp ? unit(lt, ct) : null;
                }
                if (lt != null && lt.isSetDATE() || ct == ConvertedType.DATE) {
                    return timestamp ? Value.EPOCH_DAYS : null;
                }
                if (lt != null && lt.isSetTIME() || ct == ConvertedType.TIME_MILLIS || ct == ConvertedType.TIME_MICROS) {
                    return null;
                }
                boolean unsigned = ct == ConvertedType.UINT_64 || lt != null && lt.isSetINTEGER()
                        && !lt.getINTEGER().isIsSigned() && lt.getINTEGER().getBitWidth() == 64;
                return timestamp ? Value.EPOCH : unsigned ? Value.UNSIGNED : Value.INTEGER;
            case INT96:
                return timestamp ? Value.INT96 : null;
            case FLOAT:
            case DOUBLE:
                return timestamp || c == LakeColumn.EVENT_VALUE ? Value.FLOATING : null;
            default:
                return null;
        }
    }

    private static Value unit(LogicalType lt, ConvertedType ct) {
        if (lt != null && lt.isSetTIMESTAMP()) {
            TimeUnit u = lt.getTIMESTAMP().getUnit();
            return u.isSetMILLIS() ? Value.EPOCH_MILLIS : u.isSetMICROS() ? Value.EPOCH_MICROS : Value.EPOCH_NANOS;
        }
        return ct == ConvertedType.TIMESTAMP_MILLIS ? Value.EPOCH_MILLIS : Value.EPOCH_MICROS;
    }

    /** The field's type as a person reads it: {@code INT64 TIMESTAMP(MICROS)}, {@code BYTE_ARRAY STRING}. */
    static String describe(SchemaElement e) {
        if (e.isSetNum_children() && e.getNum_children() > 0) {
            return "group";
        }
        String t = String.valueOf(e.getType());
        if (e.isSetLogicalType()) {
            String lt = e.getLogicalType().getSetField().getFieldName();
            return t + " " + lt;
        }
        return e.isSetConverted_type() ? t + " " + e.getConverted_type() : t;
    }

    /** The index after the subtree rooted at {@code i}. */
    private static int skip(List<SchemaElement> schema, int i) throws PartFormatException {
        int end = i + 1;
        int children = schema.get(i).isSetNum_children() ? schema.get(i).getNum_children() : 0;
        for (int k = 0; k < children; k++) {
            if (end >= schema.size()) {
                throw new PartFormatException("a Parquet schema shorter than its field counts");
            }
            end = skip(schema, end);
        }
        return end;
    }

    private static int leaves(List<SchemaElement> schema, int from, int to) {
        int n = 0;
        for (int k = from; k < to; k++) {
            SchemaElement e = schema.get(k);
            if (!e.isSetNum_children() || e.getNum_children() == 0) {
                n++;
            }
        }
        return n;
    }
}
