package io.lakeloop.streams.collator;

import io.lakeloop.event.Rejection;
import java.util.Objects;

/**
 * A rejected record or event: the original record's key and value bytes (unchanged, possibly null) and why.
 * A tracker batch with several bad events yields one dead letter per bad event, each with the whole record.
 */
public record DeadLetter(byte[] key, byte[] value, Rejection rejection) implements Collated {

    public DeadLetter {
        Objects.requireNonNull(rejection, "rejection");
    }

    @Override
    public String toString() {
        return "DeadLetter[" + rejection + "]";
    }
}
