package io.lakeloop.connect.personalize;

import io.lakeloop.connect.personalize.config.PersonalizeSinkConfig;
import io.lakeloop.connect.personalize.mapping.ActionInteractionMapper;
import io.lakeloop.connect.personalize.mapping.DatasetRecordMapper;
import io.lakeloop.connect.personalize.mapping.EventRecordMapper;
import io.lakeloop.connect.personalize.mapping.RecordMapper;
import io.lakeloop.event.InteractionParser;
import io.lakeloop.event.ValidationTarget;

/** The record mapper for the configured data type. */
final class Mappers {

    private Mappers() {
    }

    static RecordMapper forConfig(PersonalizeSinkConfig config) {
        return switch (config.dataType()) {
            case EVENTS -> new EventRecordMapper(parser(config), config.eventIdFromPosition());
            case ACTION_INTERACTIONS -> new ActionInteractionMapper(parser(config), config.fieldNames(),
                    config.idFields(), config.eventIdFromPosition());
            case ITEMS, USERS, ACTIONS -> new DatasetRecordMapper(config.dataType(), config.idFields(),
                    config.propertiesField(), config.propertiesInclude(), config.propertiesExclude());
        };
    }

    private static InteractionParser parser(PersonalizeSinkConfig config) {
        return new InteractionParser(config.fieldNames(), config.timestampNormalizer(), ValidationTarget.PUT_EVENTS);
    }
}
