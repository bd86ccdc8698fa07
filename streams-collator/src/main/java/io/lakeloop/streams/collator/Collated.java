package io.lakeloop.streams.collator;

/** What the collate step emits for one input record: lake events and dead letters, in one stream. */
public sealed interface Collated permits CollatedEvent, DeadLetter {
}
