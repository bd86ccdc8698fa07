package io.lakeloop.connect.personalize.client;

import io.lakeloop.connect.personalize.config.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.personalizeevents.PersonalizeEventsClient;
import software.amazon.awssdk.services.personalizeevents.model.Action;
import software.amazon.awssdk.services.personalizeevents.model.ActionInteraction;
import software.amazon.awssdk.services.personalizeevents.model.Event;
import software.amazon.awssdk.services.personalizeevents.model.Item;
import software.amazon.awssdk.services.personalizeevents.model.User;

/** A batch → PutEvents / PutItems / PutUsers / PutActions / PutActionInteractions on the SDK client. */
public final class PersonalizeBatchCall implements BatchCall {

    private final PersonalizeEventsClient client;
    private final DataType type;
    private final String target;

    /** @param target the tracking id (events, action interactions) or the dataset ARN (items, users, actions) */
    public PersonalizeBatchCall(PersonalizeEventsClient client, DataType type, String target) {
        this.client = Objects.requireNonNull(client, "client");
        this.type = Objects.requireNonNull(type, "type");
        this.target = Objects.requireNonNull(target, "target");
    }

    @Override
    public void send(Batch batch) {
        switch (type) {
            case EVENTS -> client.putEvents(r -> r.trackingId(target).userId(batch.key().userId())
                    .sessionId(batch.key().sessionId()).eventList(payloads(batch, Event.class)));
            case ITEMS -> client.putItems(r -> r.datasetArn(target).items(payloads(batch, Item.class)));
            case USERS -> client.putUsers(r -> r.datasetArn(target).users(payloads(batch, User.class)));
            case ACTIONS -> client.putActions(r -> r.datasetArn(target).actions(payloads(batch, Action.class)));
            case ACTION_INTERACTIONS -> client.putActionInteractions(r -> r.trackingId(target)
                    .actionInteractions(payloads(batch, ActionInteraction.class)));
            default -> throw new IllegalStateException(type.toString());
        }
    }

    private static <T> List<T> payloads(Batch batch, Class<T> type) {
        List<T> out = new ArrayList<>(batch.size());
        for (Entry e : batch.entries()) {
            out.add(type.cast(e.payload()));
        }
        return out;
    }
}
