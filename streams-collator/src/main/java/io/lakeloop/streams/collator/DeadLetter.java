package io.lakeloop.streams.collator;

import io.lakeloop.event.Rejection;
import java.util.Objects;

/**
 * A rejected record or event: the original record's key and value bytes (unchanged, possibly null) and why.
 * A tracker batch with several bad events yields one dead letter per bad event, each with the whole record.
 */
public record DeadLetter(byte[] key, byte[] value, DeadLetterReason reason) implements Collated {

    public DeadLetter {
        Objects.requireNonNull(reason, "reason");
    }

    public DeadLetter(byte[] key, byte[] value, Rejection rejection) {
        this(key, value, DeadLetterReason.of(rejection));
    }

    @Override
    public String toString() {
        return "DeadLetter[" + reason.code() + " (" + reason.message() + ")]";
    }
}
