package io.lakeloop.export.rows;

/** Which rows count as duplicates of an earlier one (the first occurrence in part order is kept). */
public enum Dedupe {
    /** Keep every row. */
    NONE,
    /** Drop an output row identical, byte for byte after normalisation, to an earlier output row. */
    ROWS,
    /** Drop a row whose EVENT_ID an earlier row had (rows with an empty EVENT_ID are always kept). */
    EVENT_ID
}
