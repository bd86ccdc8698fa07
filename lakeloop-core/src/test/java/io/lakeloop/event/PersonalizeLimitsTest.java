package io.lakeloop.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The constants must say what the service model says; a newer model that changes a limit fails here first. */
class PersonalizeLimitsTest {

    private static JsonNode shapes;

    @BeforeAll
    static void loadModel() throws IOException {
        try (InputStream in = PersonalizeLimitsTest.class.getResourceAsStream("/model/personalize-events-service-2.json")) {
            shapes = RecordValues.JSON.readTree(in).get("shapes");
        }
    }

    private static int max(String shape) {
        return shapes.get(shape).get("max").asInt();
    }

    private static int min(String shape) {
        return shapes.get(shape).get("min").asInt();
    }

    @Test
    void lengthsMatchTheModel() {
        for (String id : new String[] {"StringType", "UserId", "ItemId", "ActionId"}) {
            assertThat(max(id)).as(id).isEqualTo(PersonalizeLimits.ID_MAX_LENGTH);
            assertThat(min(id)).as(id).isEqualTo(PersonalizeLimits.ID_MIN_LENGTH);
        }
        assertThat(max("RecommendationId")).isEqualTo(PersonalizeLimits.RECOMMENDATION_ID_MAX_LENGTH);
        assertThat(max("EventPropertiesJSON")).isEqualTo(PersonalizeLimits.EVENT_PROPERTIES_MAX_LENGTH);
        assertThat(max("ActionInteractionProperties")).isEqualTo(PersonalizeLimits.EVENT_PROPERTIES_MAX_LENGTH);
        assertThat(max("ItemProperties")).isEqualTo(PersonalizeLimits.ITEM_PROPERTIES_MAX_LENGTH);
        assertThat(max("UserProperties")).isEqualTo(PersonalizeLimits.USER_PROPERTIES_MAX_LENGTH);
        assertThat(max("ActionProperties")).isEqualTo(PersonalizeLimits.ACTION_PROPERTIES_MAX_LENGTH);
        assertThat(max("EventAttributionSource")).isEqualTo(PersonalizeLimits.EVENT_ATTRIBUTION_SOURCE_MAX_LENGTH);
        assertThat(max("Arn")).isEqualTo(PersonalizeLimits.ARN_MAX_LENGTH);
    }

    @Test
    void listSizesMatchTheModel() {
        for (String list : new String[] {"EventList", "ItemList", "UserList", "ActionList", "ActionInteractionsList"}) {
            assertThat(max(list)).as(list).isEqualTo(PersonalizeLimits.MAX_RECORDS_PER_CALL);
            assertThat(min(list)).as(list).isEqualTo(1);
        }
        assertThat(max("Impression")).isEqualTo(PersonalizeLimits.MAX_IMPRESSIONS);
        assertThat(max("ActionImpression")).isEqualTo(PersonalizeLimits.MAX_IMPRESSIONS);
    }

    @Test
    void patternsMatchTheModel() {
        assertThat(shapes.get("Arn").get("pattern").asText()).isEqualTo(PersonalizeLimits.ARN_PATTERN.pattern());
        assertThat(shapes.get("EventAttributionSource").get("pattern").asText())
                .isEqualTo(PersonalizeLimits.EVENT_ATTRIBUTION_SOURCE_PATTERN.pattern());
    }

    @Test
    void reservedKeysAreCaseInsensitive() {
        assertThat(PersonalizeLimits.isReservedEventPropertyKey("SESSIONID")).isTrue();
        assertThat(PersonalizeLimits.isReservedEventPropertyKey("impression")).isTrue();
        assertThat(PersonalizeLimits.isReservedEventPropertyKey("numberOfRatings")).isFalse();
    }

    @Test
    void datasetArnKinds() {
        String items = "arn:aws:personalize:eu-west-1:123456789012:dataset/shop/ITEMS";
        assertThat(PersonalizeLimits.DatasetKind.ITEMS.matches(items)).isTrue();
        assertThat(PersonalizeLimits.DatasetKind.USERS.matches(items)).isFalse();
        assertThat(PersonalizeLimits.DatasetKind.INTERACTIONS
                .matches("arn:aws:personalize:eu-west-1:1:dataset/shop/ACTION_INTERACTIONS")).isFalse();
        assertThat(PersonalizeLimits.isValidArn("arn:aws:s3:::bucket")).isFalse();
        assertThat(PersonalizeLimits.isValidArn("arn:aws:personalize:eu-west-1:1:" + "x".repeat(256))).isFalse();
    }
}
