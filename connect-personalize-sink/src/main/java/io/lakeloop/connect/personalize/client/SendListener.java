package io.lakeloop.connect.personalize.client;

/** What became of the batches a {@link BatchSender} sent; called on the sender's threads. */
public interface SendListener {

    /** Personalize accepted every entry of the batch. */
    void accepted(Batch batch);

    /** Personalize rejected this entry on its own (InvalidInput on a one-entry call); {@code reason} is its message. */
    void rejected(Entry entry, String reason);

    /** A batch could not be sent (retries exhausted or a fatal error): the task must fail; its records stay unsent. */
    void failed(RuntimeException error);
}
