package io.lakeloop.testkit;

import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * One record of the {@link HostileCorpus}: raw key and value bytes (either may be null), headers, and the record
 * timestamp to produce with (null: the producer's clock).
 *
 * @param name      stable, unique name; tests map it to the outcome they expect
 * @param key       key bytes, or null
 * @param value     value bytes, or null (a tombstone)
 * @param headers   headers, in order
 * @param timestamp record timestamp in epoch millis, or null
 */
public record HostileRecord(String name, byte[] key, byte[] value, List<HeaderBytes> headers, Long timestamp) {

    public HostileRecord {
        Objects.requireNonNull(name, "name");
        headers = List.copyOf(headers);
    }

    /** A header's name and raw value bytes (the value may be any bytes, not only UTF-8). */
    public record HeaderBytes(String name, byte[] value) {
    }

    /** The record as a producer record for {@code topic} (partition chosen by the producer). */
    public ProducerRecord<byte[], byte[]> toProducerRecord(String topic) {
        List<Header> kafkaHeaders = headers.stream().<Header>map(h -> new RecordHeader(h.name(), h.value())).toList();
        return new ProducerRecord<>(topic, null, timestamp, key, value, kafkaHeaders);
    }

    @Override
    public String toString() {
        // never the bytes: some are a mebibyte, some are not printable
        return name + "(key " + (key == null ? "null" : key.length + " B") + ", value "
                + (value == null ? "null" : value.length + " B") + ", " + headers.size() + " headers)";
    }
}
