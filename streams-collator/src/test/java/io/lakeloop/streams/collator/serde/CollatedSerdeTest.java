package io.lakeloop.streams.collator.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeloop.event.ReasonCode;
import io.lakeloop.streams.collator.CollatedEvent;
import io.lakeloop.streams.collator.DeadLetter;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CollatedSerdeTest {

    private final CollatedSerde serde = new CollatedSerde();

    @Test
    void roundTripsUnicodeIdsAndRows() {
        CollatedEvent e = new CollatedEvent("usér-ü-😀", "evt,\"1\"", "{\"USER_ID\":\"usér-ü-😀\",\"X\":\"\\n\"}");

        byte[] bytes = serde.serializer().serialize("t", e);

        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(e);
        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "02 00", "01 00 00 00 09 61", "01 7f ff ff ff", "01 00 00 00 01 61 00", "01"})
    void readsForeignBytesAsAnUndecodableDeadLetterInsteadOfThrowing(String hex) {
        byte[] data = hex.isEmpty() ? new byte[0] : java.util.HexFormat.ofDelimiter(" ").parseHex(hex);

        assertThat(serde.deserializer().deserialize("t", data)).isInstanceOfSatisfying(DeadLetter.class, d -> {
            assertThat(d.reason().code()).isEqualTo(ReasonCode.UNDECODABLE.name());
            assertThat(d.value()).isEqualTo(data);
            assertThat(d.key()).isNull();
        });
    }

    @Test
    void neverWritesADeadLetterToTheRepartitionTopic() {
        assertThatThrownBy(() -> CollatedSerde.serialize(new DeadLetter(null, null,
                io.lakeloop.event.Rejection.ofRecord(ReasonCode.UNDECODABLE, null, "x"))))
                .isInstanceOf(SerializationException.class);
    }
}
