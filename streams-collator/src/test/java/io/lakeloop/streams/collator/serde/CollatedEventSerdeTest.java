package io.lakeloop.streams.collator.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeloop.streams.collator.CollatedEvent;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class CollatedEventSerdeTest {

    private final CollatedEventSerde serde = new CollatedEventSerde();

    @Test
    void roundTripsUnicodeIdsAndRows() {
        CollatedEvent e = new CollatedEvent("usér-ü-😀", "evt,\"1\"", "{\"USER_ID\":\"usér-ü-😀\",\"X\":\"\\n\"}");

        byte[] bytes = serde.serializer().serialize("t", e);

        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(e);
        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void rejectsForeignBytesWithASerializationException() {
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {2, 0}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("version");
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {1, 0, 0, 0, 9, 'a'}))
                .isInstanceOf(SerializationException.class);
    }
}
