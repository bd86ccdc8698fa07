package io.lakeloop.connect.personalize.client;

/** What became of the batches a {@link BatchSender} sent; called on the sender's threads. */
public interface SendListener {

    /** Personalize accepted every entry of the batch. */
    void accepted(Batch batch);

    /**
     * Personalize rejected this entry on its own (InvalidInput on a one-entry call). {@code reason} includes the
     * service's message (which may quote values); {@code safeReason} only status and error code, for logs.
     */
    void rejected(Entry entry, String reason, String safeReason);

    /** A batch could not be sent (retries exhausted or a fatal error): the task must fail; its records stay unsent. */
    void failed(RuntimeException error);
}
