package io.lakeloop.connect.personalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeloop.event.FieldNames;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class RejectedEventsTest {

    private final RejectedEvents rejected = new RejectedEvents(FieldNames.defaults());
    private static final TreeSet<Integer> ONE_AND_THREE = new TreeSet<>(List.of(1, 3));

    @Test
    void cutsJsonTextAndBytesKeepingEveryOtherFieldAndExactNumbers() {
        String batch = "{\"user_id\":\"u\",\"extra\":1.10,\"eventList\":[{\"n\":0},{\"n\":1,\"v\":12345678901234567890},"
                + "{\"n\":2},{\"n\":3,\"v\":0.30000000000000004}],\"session_id\":\"s\"}";
        String expected = "{\"user_id\":\"u\",\"extra\":1.10,\"eventList\":[{\"n\":1,\"v\":12345678901234567890},"
                + "{\"n\":3,\"v\":0.30000000000000004}],\"session_id\":\"s\"}";

        assertThat(rejected.keepOnly(batch, ONE_AND_THREE)).hasValue(expected);
        assertThat(rejected.keepOnly(batch.getBytes(StandardCharsets.UTF_8), ONE_AND_THREE))
                .hasValueSatisfying(v -> assertThat(new String((byte[]) v, StandardCharsets.UTF_8)).isEqualTo(expected));
    }

    @Test
    void cutsSchemalessMapsAndStructsOfTheSameShape() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("user_id", "u");
        map.put("event_list", List.of(Map.of("n", 0), Map.of("n", 1), Map.of("n", 2), Map.of("n", 3)));
        assertThat(rejected.keepOnly(map, ONE_AND_THREE)).hasValueSatisfying(v ->
                assertThat(((Map<?, ?>) v).get("event_list")).isEqualTo(List.of(Map.of("n", 1), Map.of("n", 3))));
        assertThat(map.get("event_list")).asList().hasSize(4);

        Schema event = SchemaBuilder.struct().field("n", Schema.INT32_SCHEMA).build();
        Schema schema = SchemaBuilder.struct().field("user_id", Schema.STRING_SCHEMA)
                .field("event_list", SchemaBuilder.array(event).build()).build();
        List<Struct> events = List.of(0, 1, 2, 3).stream().map(n -> new Struct(event).put("n", n)).toList();
        Struct struct = new Struct(schema).put("user_id", "u").put("event_list", events);

        assertThat(rejected.keepOnly(struct, ONE_AND_THREE)).hasValueSatisfying(v -> {
            Struct cut = (Struct) v;
            cut.validate();
            assertThat(cut.getString("user_id")).isEqualTo("u");
            assertThat(cut.getArray("event_list")).extracting(e -> ((Struct) e).getInt32("n")).containsExactly(1, 3);
        });
    }

    @Test
    void leavesAloneWhatIsNotATrackerBatch() {
        assertThat(rejected.keepOnly("{\"user_id\":\"u\",\"item_id\":\"i\"}", ONE_AND_THREE)).isEmpty();
        assertThat(rejected.keepOnly("not json", ONE_AND_THREE)).isEmpty();
        assertThat(rejected.keepOnly(42L, ONE_AND_THREE)).isEmpty();
    }
}
