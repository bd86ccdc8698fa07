package io.lakeloop.streams.collator.serde;

import io.lakeloop.event.ReasonCode;
import io.lakeloop.event.Rejection;
import io.lakeloop.streams.collator.Collated;
import io.lakeloop.streams.collator.CollatedEvent;
import io.lakeloop.streams.collator.DeadLetter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The value of the internal repartition topic:
 * {@code [version 1][int n][user id UTF-8, n bytes][int m][event id UTF-8, m bytes][row JSON UTF-8, the rest]}.
 * Compact, and the dedupe step reads the ids without parsing JSON. Stateless and thread-safe.
 *
 * <p>Reading never throws: bytes that are not a collated event (an unknown version written by a newer collator during
 * a rolling upgrade, or anything else someone wrote to the internal topic) are read as a {@link DeadLetter} with
 * {@link ReasonCode#UNDECODABLE}, which the dedupe step writes to the dead-letter topic. A deserialisation failure
 * would otherwise stop the stream thread, under exactly-once on every restart.
 */
public final class CollatedSerde implements Serde<Collated> {

    private static final byte VERSION = 1;

    @Override
    public Serializer<Collated> serializer() {
        return (topic, value) -> value == null ? null : serialize(value);
    }

    @Override
    public Deserializer<Collated> deserializer() {
        return (topic, data) -> data == null ? null : deserialize(data);
    }

    /** The bytes of a lake event; a dead letter never goes to the repartition topic. */
    public static byte[] serialize(Collated value) {
        if (!(value instanceof CollatedEvent event)) {
            throw new SerializationException("only collated events go to the repartition topic");
        }
        byte[] user = event.userId().getBytes(StandardCharsets.UTF_8);
        byte[] id = event.eventId().getBytes(StandardCharsets.UTF_8);
        byte[] row = event.rowJson().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + 4 + user.length + 4 + id.length + row.length)
                .put(VERSION).putInt(user.length).put(user).putInt(id.length).put(id).put(row).array();
    }

    /** A collated event, or a dead letter of {@code data} when it is not one. */
    public static Collated deserialize(byte[] data) {
        if (data.length == 0 || data[0] != VERSION) {
            return unreadable(data, data.length == 0 ? "is empty" : "has the unknown format version " + data[0]
                    + " (written by a newer collator? finish or roll back the upgrade)");
        }
        ByteBuffer buf = ByteBuffer.wrap(data, 1, data.length - 1);
        String user = string(buf, buf.remaining() >= 4 ? buf.getInt() : -1);
        String id = user == null ? null : string(buf, buf.remaining() >= 4 ? buf.getInt() : -1);
        String row = id == null ? null : string(buf, buf.remaining());
        if (row == null || user.isEmpty() || id.isEmpty()) {
            return unreadable(data, "is not a collated event");
        }
        return new CollatedEvent(user, id, row);
    }

    private static String string(ByteBuffer buf, int length) {
        if (length < 0 || length > buf.remaining()) {
            return null;
        }
        String s = new String(buf.array(), buf.arrayOffset() + buf.position(), length, StandardCharsets.UTF_8);
        buf.position(buf.position() + length);
        return s;
    }

    private static DeadLetter unreadable(byte[] data, String why) {
        return new DeadLetter(null, data, Rejection.ofRecord(ReasonCode.UNDECODABLE, null,
                "the internal repartition record (" + data.length + " bytes) " + why));
    }
}
