package io.lakeloop.streams.collator.it;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakeloop.event.RecordValues;
import io.lakeloop.streams.collator.DeadLetterHeaders;
import io.lakeloop.testkit.KafkaRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A deterministic mix of raw records with a known outcome. Every ten records: six flat events with producer ids,
 * one tracker batch of ten events whose fourth is invalid, one flat event without an id (derived id), one
 * undecodable record, and re-sends of an id'd event and of the id-less one under another key (duplicates).
 * Each valid event has a unique item id; each invalid one a unique marker.
 */
final class Workload {

    final List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    /** item id → how often it must appear in the lake (always 1). */
    final Map<String, Integer> lakeItems = new HashMap<>();
    /** marker → how often it must appear in the dead-letter topic. */
    final Map<String, Integer> deadMarkers = new HashMap<>();

    Workload(String topic, int groups, long nowSeconds) {
        for (int g = 0; g < groups; g++) {
            String user = "user-" + (g % 13);
            List<byte[]> flats = new ArrayList<>();
            for (int k = 0; k < 6; k++) {
                String item = "item-" + g + "-" + k;
                byte[] v = flat(user, item, "e-" + g + "-" + k, nowSeconds - k);
                flats.add(v);
                add(topic, user, v);
                lakeItems.put(item, 1);
            }
            StringBuilder batch = new StringBuilder("{\"user_id\":\"" + user + "\",\"session_id\":\"s-" + g
                    + "\",\"event_list\":[");
            for (int j = 0; j < 10; j++) {
                String item = "item-" + g + "-b" + j;
                batch.append(j == 0 ? "" : ",");
                if (j == 3) {
                    batch.append("{\"itemId\":\"").append("bad-").append(g).append("\",\"sentAt\":").append(nowSeconds)
                            .append("}");
                    deadMarkers.put("bad-" + g, 1);
                } else {
                    batch.append("{\"eventType\":\"view\",\"itemId\":\"").append(item).append("\",\"sentAt\":")
                            .append(nowSeconds - j).append(",\"eventValue\":").append(j).append("}");
                    lakeItems.put(item, 1);
                }
            }
            add(topic, user, batch.append("]}").toString().getBytes(UTF_8));
            String noIdItem = "item-" + g + "-noid";
            byte[] noId = flat(user, noIdItem, null, nowSeconds);
            add(topic, user, noId);
            lakeItems.put(noIdItem, 1);
            add(topic, user, ("garbage-" + g + " {").getBytes(UTF_8));
            deadMarkers.put("garbage-" + g, 1);
            add(topic, null, flats.get(5));
            add(topic, "another-key", noId);
        }
    }

    int lakeCount() {
        return lakeItems.size();
    }

    int deadCount() {
        return deadMarkers.values().stream().mapToInt(Integer::intValue).sum();
    }

    private void add(String topic, String key, byte[] value) {
        records.add(new ProducerRecord<>(topic, key == null ? null : key.getBytes(UTF_8), value));
    }

    private static byte[] flat(String user, String item, String eventId, long ts) {
        return ("{\"user_id\":\"" + user + "\",\"session_id\":\"s\",\"item_id\":\"" + item
                + "\",\"event_type\":\"click\",\"timestamp\":" + ts
                + (eventId == null ? "" : ",\"event_id\":\"" + eventId + "\"") + "}").getBytes(UTF_8);
    }

    /** The marker of a dead-letter record: the bad event's item id in a batch, else the raw text up to a space. */
    static String markerOf(KafkaRecord dead) {
        int index = Integer.parseInt(dead.header(DeadLetterHeaders.EVENT_INDEX));
        String text = new String(dead.valueBytes(), StandardCharsets.UTF_8);
        if (index < 0) {
            return text.split(" ")[0];
        }
        try {
            JsonNode node = RecordValues.JSON.readTree(text);
            return node.get("event_list").get(index).get("itemId").asText();
        } catch (IOException e) {
            throw new AssertionError("dead letter with an index is not a batch: " + text, e);
        }
    }
}
