package io.lakeloop.connect.s3.write;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * A short fingerprint of a record (its timestamp and hashes of its key and value), kept in the state object for the
 * last landed record: a task that finds a different record at that offset knows the partition is not the log the
 * state describes (the topic was deleted and recreated, or truncated). It holds no content: 32-bit hashes only.
 */
final class RecordCheck {

    private RecordCheck() {
    }

    static String of(SinkRecord record) {
        Long ts = record.timestamp();
        return (ts == null ? "-" : Long.toString(ts)) + ":" + Integer.toHexString(hash(record.key())) + ":"
                + Integer.toHexString(hash(record.value()));
    }

    private static int hash(Object o) {
        if (o == null) {
            return 0;
        }
        if (o instanceof byte[] b) {
            return Arrays.hashCode(b);
        }
        if (o instanceof String || o instanceof ByteBuffer) {
            return o.hashCode(); // both by content
        }
        try {
            return String.valueOf(o).hashCode(); // maps and Structs print their content in a stable order
        } catch (RuntimeException | StackOverflowError e) {
            return 0; // an odd value must not fail the task here; its record fails where records are rendered
        }
    }
}
