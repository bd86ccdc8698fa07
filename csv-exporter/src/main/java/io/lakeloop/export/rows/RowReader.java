package io.lakeloop.export.rows;

import io.lakeloop.export.report.Rejections;
import java.io.IOException;
import java.util.List;

/** Reads the rows of one part (text or Parquet) into output CSV rows; one reader per part, on one thread. */
public interface RowReader {

    /**
     * The part's format for the cross-part checks and {@code --dry-run}: {@code csv}, {@code text(<delimiter>)},
     * {@code json-lines} or {@code parquet}.
     */
    String format();

    /**
     * A text part's columns as the cross-part header check compares them (upper-case names; a part without a header
     * row counts as the columns it was read with), or an empty list when the check does not apply (empty,
     * JSON-lines and Parquet parts, whose columns are matched by name in each part).
     */
    List<String> header();

    /** Reads every remaining row, handing the accepted ones to {@code sink}. */
    void readRows(RowSink sink) throws IOException, InterruptedException;

    /** Rows rejected so far, by reason. */
    Rejections rejections();

    /** Data rows read, rejected ones included, blank lines and the header not. */
    long rowsIn();
}
