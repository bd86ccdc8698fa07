package io.lakeloop.streams.collator;

import static io.lakeloop.streams.collator.CollatorDriver.T0;
import static io.lakeloop.streams.collator.CollatorDriver.bytes;
import static io.lakeloop.streams.collator.CollatorDriver.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakeloop.event.EventIds;
import io.lakeloop.lake.LakeRow;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Valid input of both shapes through the real topology: rows, keys, timestamps, ids, topics. */
class CollatorTopologyTest {

    static final long TS = T0.getEpochSecond();

    @TempDir
    Path stateDir;
    CollatorDriver c;

    @BeforeEach
    void start() {
        c = new CollatorDriver(stateDir);
    }

    @AfterEach
    void stop() {
        c.close();
    }

    static String flat(String user, String item, Object timestamp, String extra) {
        return "{\"user_id\":\"" + user + "\",\"session_id\":\"s1\",\"item_id\":\"" + item
                + "\",\"event_type\":\"click\",\"timestamp\":" + timestamp + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    @Test
    void flatEventBecomesOneLakeRowKeyedByUser() {
        c.send("u1", flat("u1", "i9", TS, "\"event_value\":1.5,\"event_id\":\"e-1\""), T0);

        List<KeyValue<String, String>> out = c.lake.readKeyValuesToList();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).key).isEqualTo("u1");
        assertThat(LakeRow.fromJson(out.get(0).value))
                .isEqualTo(new LakeRow("u1", "i9", TS, "click", 1.5, "s1", "e-1"));
        assertThat(c.dlq.isEmpty()).isTrue();
    }

    @Test
    void trackerBatchExplodesIntoOneRowPerEventInOrder() {
        String batch = "{\"user_id\":\"u2\",\"session_id\":\"s2\",\"event_list\":["
                + "{\"eventType\":\"click\",\"itemId\":\"a\",\"sentAt\":" + TS + ",\"eventId\":\"b-1\"},"
                + "{\"eventType\":\"view\",\"itemId\":\"b\",\"sentAt\":" + (TS + 1) + ",\"eventValue\":2},"
                + "{\"eventType\":\"buy\",\"itemId\":\"c\",\"sentAt\":" + (TS + 2) + ",\"userId\":\"u3\"}]}";
        c.send("u2", batch, T0);

        List<TestRecord<String, String>> out = c.lake.readRecordsToList();
        assertThat(out).extracting(TestRecord::key).containsExactly("u2", "u2", "u3");
        List<LakeRow> rows = out.stream().map(r -> LakeRow.fromJson(r.value())).toList();
        assertThat(rows.get(0)).isEqualTo(new LakeRow("u2", "a", TS, "click", null, "s2", "b-1"));
        String derived = EventIds.fromContent("u2", "s2", "view", "b", (TS + 1) * 1000, 2.0, null, null, List.of());
        assertThat(rows.get(1)).isEqualTo(new LakeRow("u2", "b", TS + 1, "view", 2.0, "s2", derived));
        assertThat(rows.get(2).userId()).isEqualTo("u3");
        assertThat(rows.get(2).eventId()).hasSize(32);
        assertThat(out).allSatisfy(r -> {
            assertThat(r.getRecordTime()).isEqualTo(T0);
            assertThat(r.headers().toArray()).isEmpty();
        });
    }

    @Test
    void normalisesEveryTimestampFormToEpochSeconds() {
        c.send("u", flat("u", "sec", TS, ""), T0);
        c.send("u", flat("u", "ms", TS * 1000 + 999, ""), T0);
        c.send("u", flat("u", "frac", TS + ".75", ""), T0);
        c.send("u", flat("u", "iso", "\"2024-06-01T02:00:00+02:00\"", ""), T0);
        c.send("u", flat("u", "str", "\"" + (TS * 1000) + "\"", ""), T0);
        c.send("u", "{\"userId\":\"u\",\"sessionId\":\"s\",\"itemId\":\"camel\",\"eventType\":\"x\",\"sentAt\":"
                + TS + "}", T0);

        assertThat(c.lakeRows()).extracting(LakeRow::itemId, LakeRow::timestamp).containsExactly(
                org.assertj.core.groups.Tuple.tuple("sec", TS), org.assertj.core.groups.Tuple.tuple("ms", TS),
                org.assertj.core.groups.Tuple.tuple("frac", TS), org.assertj.core.groups.Tuple.tuple("iso", TS),
                org.assertj.core.groups.Tuple.tuple("str", TS), org.assertj.core.groups.Tuple.tuple("camel", TS));
    }

    @Test
    void keepsLateAndOutOfOrderEventsWithinTheMaxAge() {
        c.send("u", flat("u", "now", TS, ""), T0);
        c.send("u", flat("u", "late", TS - Duration.ofDays(29).toSeconds(), ""), T0.plusSeconds(5));
        c.send("u", flat("u", "earlier", TS - 60, ""), T0.plusSeconds(6));

        assertThat(c.lakeRows()).extracting(LakeRow::itemId).containsExactly("now", "late", "earlier");
    }

    @Test
    void ignoresTheInputKeyAndKeysByTheEventsUser() {
        c.send(null, flat("u7", "i", TS, ""), T0);
        c.send("someone-else", flat("u8", "i", TS, ""), T0);

        assertThat(c.lake.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("u7", "u8");
    }

    @Test
    void fieldNamesComeFromConfig() {
        c.close();
        c = new CollatorDriver(stateDir, Map.of("collator.field.user.id", "customer", "collator.field.item.id", "sku"));
        c.send("k", "{\"customer\":\"c1\",\"sku\":\"p1\",\"event_type\":\"view\",\"timestamp\":" + TS + "}", T0);
        c.send("k", flat("u1", "i1", TS, ""), T0);

        assertThat(c.lakeRows()).extracting(LakeRow::userId, LakeRow::itemId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("c1", "p1"));
        assertThat(header(c.dlq.readRecord(), DeadLetterHeaders.REASON_FIELD)).isEqualTo("customer");
    }

    @Test
    void readsEveryInputTopic() {
        c.close();
        c = new CollatorDriver(stateDir, Map.of("collator.input.topics", "web, app"));
        c.send("web", bytes("u1"), bytes(flat("u1", "w", TS, "")), new RecordHeaders(), T0);
        c.send("app", bytes("u1"), bytes(flat("u1", "a", TS, "")), new RecordHeaders(), T0);
        c.send("app", bytes("u1"), bytes("{bad"), new RecordHeaders(), T0);

        assertThat(c.lakeRows()).extracting(LakeRow::itemId).containsExactlyInAnyOrder("w", "a");
        assertThat(header(c.dlq.readRecord(), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("app");
    }

    @Test
    void worksWithoutTheRepartitionStep() {
        c.close();
        c = new CollatorDriver(stateDir, Map.of("collator.dedupe.repartition", "false"));
        c.send("u1", flat("u1", "i", TS, "\"event_id\":\"x\""), T0);
        c.send("u1", flat("u1", "i", TS, "\"event_id\":\"x\""), T0.plusSeconds(1));

        assertThat(c.lakeRows()).hasSize(1);
        assertThat(CollatorTopology.build(c.config).describe().toString()).doesNotContain("by-user");
    }

    @Test
    void processorsStoresAndInternalTopicsAreNamed() {
        String description = CollatorTopology.build(c.config).describe().toString();

        assertThat(description).contains(CollatorTopology.SOURCE, CollatorTopology.COLLATE,
                CollatorTopology.ROUTE + CollatorTopology.DIRECT, CollatorTopology.ROUTE + CollatorTopology.REROUTE,
                CollatorTopology.ROUTE + CollatorTopology.TO_DLQ, "by-user-repartition", CollatorTopology.DEDUPE,
                CollatorTopology.DEDUPE_STORE, CollatorTopology.LAKE_SINK, CollatorTopology.DLQ_SINK,
                CollatorTopology.DEDUPE_DLQ_SINK, "lake.interactions", "interactions.dlq");
        assertThat(description).doesNotContain("KSTREAM-");
        // one sub-topology: the dedupe step reads the direct events and the by-user topic
        assertThat(CollatorTopology.build(c.config).describe().subtopologies()).hasSize(1);
    }

    @Test
    void countsRecordsEventsAndRejects() {
        c.send("u", flat("u", "i", TS, "\"event_id\":\"1\""), T0);
        c.send("u", flat("u", "i", TS, "\"event_id\":\"1\""), T0);
        c.send("u", "{\"user_id\":\"u\",\"session_id\":\"s\",\"event_list\":[{\"eventType\":\"a\",\"itemId\":\"i\","
                + "\"sentAt\":" + TS + "},{\"eventType\":\"b\",\"sentAt\":" + TS + "},7]}", T0);
        c.send("u", "nope", T0);

        assertThat(c.metrics.recordsIn()).isEqualTo(4);
        assertThat(c.metrics.eventsCollated()).isEqualTo(3);
        assertThat(c.metrics.eventsOut()).isEqualTo(2);
        assertThat(c.metrics.duplicatesDropped()).isEqualTo(1);
        assertThat(c.metrics.rejected(io.lakeloop.event.ReasonCode.MISSING_FIELD)).isEqualTo(1);
        assertThat(c.metrics.rejected(io.lakeloop.event.ReasonCode.WRONG_TYPE)).isEqualTo(1);
        assertThat(c.metrics.rejected(io.lakeloop.event.ReasonCode.UNDECODABLE)).isEqualTo(1);
        assertThat(c.metrics.rejectedTotal()).isEqualTo(3);
        assertThat(c.lake.getQueueSize()).isEqualTo(2);
        assertThat(c.dlq.getQueueSize()).isEqualTo(3);
    }

    @Test
    void recordWithInvalidTimestampStillFlowsWithTheWallClock() {
        Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        // the extractor's fallback reads the real clock; the collator's clock (the driver's) must not be behind it
        c.advanceWallClockTo(before.plusSeconds(3600));
        c.send("u", flat("u", "i", Instant.now().getEpochSecond(), ""), Instant.ofEpochMilli(-1));

        TestRecord<String, String> out = c.lake.readRecord();
        assertThat(out.getRecordTime()).isAfterOrEqualTo(before);
    }
}
