package io.lakeloop.connect.personalize.mapping;

import static io.lakeloop.connect.personalize.TestRecords.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakeloop.connect.personalize.config.DataType;
import io.lakeloop.event.ReasonCode;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.personalizeevents.model.Item;
import software.amazon.awssdk.services.personalizeevents.model.User;

class DatasetRecordMapperTest {

    private static DatasetRecordMapper items(List<String> include, List<String> exclude) {
        return new DatasetRecordMapper(DataType.ITEMS, DataType.ITEMS.defaultIdFields(), "properties", include,
                exclude);
    }

    @Test
    void foldsTheOtherFieldsIntoProperties() {
        Mapped m = items(List.of(), List.of("internal")).map(record("items", 0, 1,
                "{\"item_id\":\"i1\",\"genre\":\"jazz\",\"price\":9.5,\"internal\":\"x\",\"gone\":null}"));

        assertThat(m.rejections()).isEmpty();
        Item item = (Item) m.parts().get(0).payload();
        assertThat(item.itemId()).isEqualTo("i1");
        assertThat(item.properties()).isEqualTo("{\"genre\":\"jazz\",\"price\":9.5}");
        assertThat(m.parts().get(0).key()).isEqualTo(GroupKey.NONE);
    }

    @Test
    void includeListLimitsTheProperties() {
        Item item = (Item) items(List.of("genre"), List.of()).map(record("items", 0, 1,
                "{\"itemId\":\"i1\",\"genre\":\"jazz\",\"price\":9.5}")).parts().get(0).payload();
        assertThat(item.properties()).isEqualTo("{\"genre\":\"jazz\"}");
    }

    @Test
    void anExistingPropertiesStringIsSentAsIs() {
        DatasetRecordMapper users = new DatasetRecordMapper(DataType.USERS, DataType.USERS.defaultIdFields(),
                "properties", List.of(), List.of());
        User user = (User) users.map(record("users", 0, 1,
                "{\"user_id\":42,\"properties\":\"{\\\"tier\\\":\\\"gold\\\"}\",\"other\":1}")).parts().get(0).payload();
        assertThat(user.userId()).isEqualTo("42");
        assertThat(user.properties()).isEqualTo("{\"tier\":\"gold\"}");
    }

    @Test
    void anIdAloneSendsNoProperties() {
        Item item = (Item) items(List.of(), List.of()).map(record("items", 0, 1, "{\"item_id\":\"i1\"}"))
                .parts().get(0).payload();
        assertThat(item.properties()).isNull();
    }

    @Test
    void rejectsWhatTheModelWouldReject() {
        DatasetRecordMapper mapper = items(List.of(), List.of());
        assertThat(mapper.map(record("i", 0, 1, "{\"genre\":\"x\"}")).rejections())
                .extracting(r -> r.code()).containsExactly(ReasonCode.MISSING_FIELD);
        assertThat(mapper.map(record("i", 0, 1, "{\"item_id\":\"\"}")).rejections())
                .extracting(r -> r.code()).containsExactly(ReasonCode.EMPTY_FIELD);
        assertThat(mapper.map(record("i", 0, 1, "{\"item_id\":\"" + "x".repeat(257) + "\"}")).rejections())
                .extracting(r -> r.code()).containsExactly(ReasonCode.FIELD_TOO_LONG);
        assertThat(mapper.map(record("i", 0, 1, "{\"item_id\":{\"a\":1}}")).rejections())
                .extracting(r -> r.code()).containsExactly(ReasonCode.WRONG_TYPE);
        assertThat(mapper.map(record("i", 0, 1, "{\"item_id\":\"i\",\"properties\":\"[1]\"}")).rejections())
                .extracting(r -> r.code()).containsExactly(ReasonCode.PROPERTIES_NOT_JSON);
        assertThat(mapper.map(record("i", 0, 1, "{\"item_id\":\"i\",\"d\":\"" + "x".repeat(32_000) + "\"}"))
                .rejections()).extracting(r -> r.code()).containsExactly(ReasonCode.PROPERTIES_TOO_LONG);
        assertThat(mapper.map(record("i", 0, 1, "[]")).rejections())
                .extracting(r -> r.code()).containsExactly(ReasonCode.NOT_AN_OBJECT);
    }

    @Test
    void userPropertiesHaveTheirOwnLimit() {
        DatasetRecordMapper users = new DatasetRecordMapper(DataType.USERS, DataType.USERS.defaultIdFields(),
                "properties", List.of(), List.of());
        String ok = "{\"user_id\":\"u\",\"d\":\"" + "x".repeat(24_000 - 8) + "\"}";
        String tooLong = "{\"user_id\":\"u\",\"d\":\"" + "x".repeat(24_000 - 7) + "\"}";
        assertThat(users.map(record("u", 0, 1, ok)).rejections()).isEmpty();
        assertThat(users.map(record("u", 0, 1, tooLong)).rejections())
                .extracting(r -> r.code()).containsExactly(ReasonCode.PROPERTIES_TOO_LONG);
    }
}
