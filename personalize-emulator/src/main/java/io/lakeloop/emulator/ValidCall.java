package io.lakeloop.emulator;

import java.util.List;
import java.util.Objects;
import java.util.function.LongFunction;

/**
 * A request that passed validation: the resource it addresses (tracking id or dataset ARN) and one builder per
 * record, which the recorder calls with the record's sequence number.
 */
record ValidCall(String resource, List<LongFunction<Object>> records) {

    ValidCall {
        Objects.requireNonNull(resource, "resource");
        records = List.copyOf(records);
    }
}
