package io.lakeloop.connect.personalize.client;

/** Sends one batch as one API call; returns normally when the service accepted it. The test seam of the sender. */
@FunctionalInterface
public interface BatchCall {

    void send(Batch batch);
}
