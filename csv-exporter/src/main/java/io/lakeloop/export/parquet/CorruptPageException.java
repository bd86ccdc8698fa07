package io.lakeloop.export.parquet;

import java.io.IOException;

/** Bytes of a Parquet page that cannot be what their header says (the reader names the object and column). */
final class CorruptPageException extends IOException {

    CorruptPageException(String message) {
        super(message);
    }
}
