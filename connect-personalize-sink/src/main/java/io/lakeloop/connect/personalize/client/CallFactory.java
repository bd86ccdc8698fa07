package io.lakeloop.connect.personalize.client;

import io.lakeloop.connect.personalize.config.PersonalizeSinkConfig;

/** Opens the task's connection to Personalize; the seam unit tests replace. */
@FunctionalInterface
public interface CallFactory {

    /** A call and what to close when the task stops. */
    record Opened(BatchCall call, AutoCloseable resource) {
    }

    Opened open(PersonalizeSinkConfig config);

    /** The real one: the SDK client from {@link ClientFactory}. */
    static CallFactory sdk() {
        return config -> {
            ClientFactory.Clients clients = ClientFactory.create(config.awsSettings(), config.maxInFlight());
            return new Opened(new PersonalizeBatchCall(clients.client(), config.dataType(), config.target()), clients);
        };
    }
}
