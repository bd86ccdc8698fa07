package io.lakeloop.streams.collator.serde;

import io.lakeloop.streams.collator.CollatedEvent;
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
 */
public final class CollatedEventSerde implements Serde<CollatedEvent> {

    private static final byte VERSION = 1;

    @Override
    public Serializer<CollatedEvent> serializer() {
        return (topic, event) -> event == null ? null : serialize(event);
    }

    @Override
    public Deserializer<CollatedEvent> deserializer() {
        return (topic, data) -> data == null ? null : deserialize(data);
    }

    static byte[] serialize(CollatedEvent event) {
        byte[] user = event.userId().getBytes(StandardCharsets.UTF_8);
        byte[] id = event.eventId().getBytes(StandardCharsets.UTF_8);
        byte[] row = event.rowJson().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + 4 + user.length + 4 + id.length + row.length)
                .put(VERSION).putInt(user.length).put(user).putInt(id.length).put(id).put(row).array();
    }

    static CollatedEvent deserialize(byte[] data) {
        try {
            ByteBuffer buf = ByteBuffer.wrap(data);
            byte version = buf.get();
            if (version != VERSION) {
                throw new SerializationException("unknown collated-event version " + version);
            }
            String user = string(buf, buf.getInt());
            String id = string(buf, buf.getInt());
            String row = string(buf, buf.remaining());
            return new CollatedEvent(user, id, row);
        } catch (RuntimeException e) {
            if (e instanceof SerializationException) {
                throw e;
            }
            throw new SerializationException("not a collated event (" + data.length + " bytes)", e);
        }
    }

    private static String string(ByteBuffer buf, int length) {
        if (length < 0 || length > buf.remaining()) {
            throw new SerializationException("collated event: bad length " + length);
        }
        String s = new String(buf.array(), buf.arrayOffset() + buf.position(), length, StandardCharsets.UTF_8);
        buf.position(buf.position() + length);
        return s;
    }
}
