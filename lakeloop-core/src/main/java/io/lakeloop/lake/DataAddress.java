package io.lakeloop.lake;

import java.time.LocalDate;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A table partition in the lake zone, as the seed's {@code DataAddress(dataset, table, date, stage)} addresses it:
 * the key prefix {@code <dataset>/<table>/dt=YYYY-MM-DD/} in the stage's lake bucket ({@link LakeLayout}).
 *
 * @param dataset e.g. {@code crm_derived_restricted}
 * @param table   e.g. {@code t200_dashboard_interaction}
 * @param date    the partition date, or {@code null} for the whole table
 * @param stage   e.g. {@code prod}, {@code staging}, {@code dev}; picks the bucket suffix
 */
public record DataAddress(String dataset, String table, LocalDate date, String stage) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");

    public DataAddress {
        requireName(dataset, "dataset");
        requireName(table, "table");
        Objects.requireNonNull(stage, "stage");
    }

    /** {@code <dataset>/<table>/dt=YYYY-MM-DD/}, or {@code <dataset>/<table>/} when no date is set. */
    public String s3Key() {
        String table = dataset + "/" + this.table + "/";
        return date == null ? table : table + "dt=" + date + "/";
    }

    public DataAddress withDate(LocalDate newDate) {
        return new DataAddress(dataset, table, newDate, stage);
    }

    private static void requireName(String value, String what) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be letters, digits, '_', '.' or '-'");
        }
    }
}
