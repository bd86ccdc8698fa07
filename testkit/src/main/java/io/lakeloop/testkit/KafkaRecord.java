package io.lakeloop.testkit;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * One consumed record, with its raw bytes, its headers and string views for assertions.
 *
 * @param topic     the topic
 * @param partition the partition
 * @param offset    the offset
 * @param timestamp the record timestamp in epoch millis
 * @param keyBytes  the raw key, or null
 * @param valueBytes the raw value, or null
 * @param headers   the record headers, in order (a header repeated keeps all its values here)
 */
public record KafkaRecord(String topic, int partition, long offset, long timestamp,
                          byte[] keyBytes, byte[] valueBytes, Headers headers) {

    static KafkaRecord of(ConsumerRecord<byte[], byte[]> r) {
        return new KafkaRecord(r.topic(), r.partition(), r.offset(), r.timestamp(), r.key(), r.value(), r.headers());
    }

    /** The key as UTF-8, or null. */
    public String key() {
        return keyBytes == null ? null : new String(keyBytes, StandardCharsets.UTF_8);
    }

    /** The value as UTF-8, or null. */
    public String value() {
        return valueBytes == null ? null : new String(valueBytes, StandardCharsets.UTF_8);
    }

    /** The last value of header {@code name} as UTF-8, or null when absent. */
    public String header(String name) {
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** All headers as UTF-8 strings, last value wins (Connect's DLQ headers: {@code __connect.errors.*}). */
    public Map<String, String> headerMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (Header h : headers) {
            map.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        return map;
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset + " key=" + key() + " value=" + value() + " headers=" + headerMap();
    }
}
