package io.lakeloop.export.rows;

import java.io.IOException;

/** A part that cannot be exported as a whole (its header lacks a column, it is not CSV or JSON lines, ...). */
public final class PartFormatException extends IOException {

    public PartFormatException(String message) {
        super(message);
    }
}
