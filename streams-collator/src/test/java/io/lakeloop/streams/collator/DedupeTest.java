package io.lakeloop.streams.collator;

import static io.lakeloop.streams.collator.CollatorDriver.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakeloop.lake.LakeRow;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.utils.Bytes;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each event once within the retention, by producer id or by the content-derived id; again after it. With the
 * default dedupe filters here; {@link DedupeWithoutFilterTest} and {@link DedupeWithTinyFilterTest} run the same
 * cases with none and with one 64-byte block per bucket (every case must give the same result).
 */
class DedupeTest {

    static final long TS = T0.getEpochSecond();
    static final Duration RETENTION = Duration.ofHours(24);

    @TempDir
    Path stateDir;
    CollatorDriver c;

    /** The config of every driver of this class, over the defaults. */
    Map<String, Object> overrides() {
        return Map.of();
    }

    private Map<String, Object> overrides(String key, Object value) {
        Map<String, Object> props = new java.util.HashMap<>(overrides());
        props.put(key, value);
        return props;
    }

    @BeforeEach
    void start() {
        c = new CollatorDriver(stateDir, overrides());
    }

    @AfterEach
    void stop() {
        c.close();
    }

    static String flat(String user, String item, String eventId) {
        return "{\"user_id\":\"" + user + "\",\"session_id\":\"s\",\"item_id\":\"" + item + "\",\"event_type\":\"click\""
                + ",\"timestamp\":" + TS + (eventId == null ? "" : ",\"event_id\":\"" + eventId + "\"") + "}";
    }

    static String batch(String user, String... items) {
        StringBuilder sb = new StringBuilder("{\"user_id\":\"" + user + "\",\"session_id\":\"s\",\"event_list\":[");
        for (int i = 0; i < items.length; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"eventType\":\"view\",\"itemId\":\"").append(items[i])
                    .append("\",\"sentAt\":").append(TS + i).append("}");
        }
        return sb.append("]}").toString();
    }

    @Test
    void producerIdRedeliveredWithinTheRetentionCollatesOnce() {
        c.send("u1", flat("u1", "i1", "e-1"), T0);
        c.send("u1", flat("u1", "i1", "e-1"), T0.plusSeconds(60));
        c.send("u1", flat("u1", "i1", "e-1"), T0.plus(RETENTION).minusMillis(1));

        assertThat(c.lakeRows()).extracting(LakeRow::eventId).containsExactly("e-1");
        assertThat(c.metrics.duplicatesDropped()).isEqualTo(2);
    }

    @Test
    void eventWithoutIdRedeliveredCollatesOnceThanksToItsDerivedId() {
        c.send("u1", flat("u1", "i1", null), T0);
        c.send("other-key", flat("u1", "i1", null), T0.plusSeconds(1));
        c.send("u1", flat("u1", "i2", null), T0.plusSeconds(2));

        assertThat(c.lakeRows()).extracting(LakeRow::itemId).containsExactly("i1", "i2");
    }

    @Test
    void redeliveredBatchCollatesEachEventOnceAndAnOverlappingBatchOnlyItsNewEvents() {
        c.send("u1", batch("u1", "a", "b", "c"), T0);
        c.send("u1", batch("u1", "a", "b", "c"), T0.plusSeconds(30));
        c.send("u1", batch("u1", "a", "b", "c", "d"), T0.plusSeconds(31));

        assertThat(c.lakeRows()).extracting(LakeRow::itemId).containsExactly("a", "b", "c", "d");
        assertThat(c.metrics.duplicatesDropped()).isEqualTo(6);
    }

    @Test
    void copyArrivingAfterTheRetentionIsCollatedAgain() {
        c.send("u1", flat("u1", "i1", "e-1"), T0);
        c.send("u1", flat("u1", "i1", "e-1"), T0.plus(RETENTION).plusMillis(1));

        assertThat(c.lakeRows()).extracting(LakeRow::eventId).containsExactly("e-1", "e-1");
    }

    @Test
    void expiryFollowsStreamTimeSoOldIdsAreForgotten() {
        c.send("u1", flat("u1", "i1", "e-old"), T0);
        // another user's record moves stream time three retentions ahead: the store keeps two (DedupeProcessor)
        c.send("u2", flat("u2", "i2", "e-new"), T0.plus(RETENTION.multipliedBy(3)));
        // a copy of e-old with the original record time: its id has expired from the store
        c.send("u1", flat("u1", "i1", "e-old"), T0.plusSeconds(1));

        assertThat(c.lakeRows()).extracting(LakeRow::eventId).containsExactly("e-old", "e-new", "e-old");
    }

    @Test
    void copyWithAnEarlierRecordTimeIsStillADuplicate() {
        c.send("u1", flat("u1", "i1", "e-1"), T0.plusSeconds(600));
        c.send("u1", flat("u1", "i1", "e-1"), T0);

        assertThat(c.lakeRows()).hasSize(1);
    }

    @Test
    void sameIdUnderTwoUsersIsTwoEvents() {
        c.send("u1", flat("u1", "i1", "shared"), T0);
        c.send("u2", flat("u2", "i1", "shared"), T0);

        assertThat(c.lakeRows()).extracting(LakeRow::userId).containsExactly("u1", "u2");
    }

    @Test
    void idsThatConcatenateAlikeAreStillDistinct() {
        c.send("k", flat("ab", "i1", "c"), T0);
        c.send("k", flat("a", "i2", "bc"), T0);

        assertThat(c.lakeRows()).extracting(LakeRow::itemId).containsExactly("i1", "i2");
        assertThat(DedupeProcessor.storeKey("ab", "c")).isNotEqualTo(DedupeProcessor.storeKey("a", "bc"));
    }

    @Test
    void shorterRetentionFromConfigIsHonoured() {
        c.close();
        c = new CollatorDriver(stateDir, overrides("collator.dedupe.retention.ms", Duration.ofMinutes(10).toMillis()));
        c.send("u1", flat("u1", "i1", "e-1"), T0);
        c.send("u1", flat("u1", "i1", "e-1"), T0.plus(Duration.ofMinutes(9)));
        c.send("u1", flat("u1", "i1", "e-1"), T0.plus(Duration.ofMinutes(21)));

        assertThat(c.lakeRows()).hasSize(2);
    }

    @Test
    void storeRemembersEachUserAndEventIdAtItsRecordTime() {
        c.send("u1", flat("u1", "i1", "e-1"), T0);

        org.apache.kafka.streams.state.WindowStore<Bytes, Long> store =
                c.driver.getWindowStore(CollatorTopology.DEDUPE_STORE);
        try (var it = store.fetch(key("u1", "e-1"), T0.minusSeconds(1), T0.plusSeconds(1))) {
            assertThat(it.next().key).isEqualTo(T0.toEpochMilli());
            assertThat(it.hasNext()).isFalse();
        }
        // the restart of a real instance (changelog restore under exactly-once) is CollatorProcessIT's subject
        assertThat(c.driver.producedTopicNames()).contains("lakeloop-collator-dedupe-ids-changelog");
    }

    @Test
    void anEventIsRememberedInTheBucketOfItsRecordTimeWithItsRecordTime() {
        Instant at = T0.plus(Duration.ofHours(5));
        c.send("u1", flat("u1", "i1", "e-1"), at);

        org.apache.kafka.streams.state.WindowStore<Bytes, Long> store =
                c.driver.getWindowStore(CollatorTopology.DEDUPE_STORE);
        assertThat(store.fetch(key("u1", "e-1"), T0.toEpochMilli())).isEqualTo(at.toEpochMilli());
        assertThat(DedupeProcessor.bucketOf(at.toEpochMilli(), RETENTION.toMillis())).isEqualTo(T0.toEpochMilli());
    }

    @Test
    void copiesAcrossABucketBoundaryAreStillDuplicatesAndTheWindowIsExact() {
        Instant lateInTheDay = T0.plus(RETENTION).minus(Duration.ofMinutes(1));
        c.send("u1", flat("u1", "i1", "e-1"), lateInTheDay);
        // the next bucket, two minutes later: a duplicate
        c.send("u1", flat("u1", "i1", "e-1"), lateInTheDay.plus(Duration.ofMinutes(2)));
        // the next bucket, a retention later to the millisecond: still within it
        c.send("u1", flat("u1", "i1", "e-1"), lateInTheDay.plus(RETENTION));
        // one millisecond more: a new occurrence
        c.send("u1", flat("u1", "i1", "e-1"), lateInTheDay.plus(RETENTION).plusMillis(1));

        assertThat(c.lakeRows()).hasSize(2);
        assertThat(c.metrics.duplicatesDropped()).isEqualTo(2);
    }

    @Test
    void eventsGoStraightToTheDedupeStepOrThroughTheByUserTopicAndAreDedupedAlike() {
        String direct = userInPartition(0);
        String rerouted = userInPartition(1);
        for (int copy = 0; copy < 2; copy++) {
            c.send("any-key", flat(direct, "i1", "e-1"), T0.plusSeconds(copy));
            c.send("any-key", flat(rerouted, "i1", "e-1"), T0.plusSeconds(copy));
        }

        assertThat(c.lakeRows()).extracting(LakeRow::userId).containsExactlyInAnyOrder(direct, rerouted);
        assertThat(c.metrics.duplicatesDropped()).isEqualTo(2);
        assertThat(c.driver.producedTopicNames()).contains("lakeloop-collator-by-user-repartition");
    }

    static Bytes key(String user, String eventId) {
        return Bytes.wrap(DedupeProcessor.storeKey(user, eventId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A user id that the by-user topic's partitioner puts in {@code partition} of the driver's two. */
    static String userInPartition(int partition) {
        for (int i = 0; ; i++) {
            if (ByUserRouting.partitionOf("user-" + i, CollatorDriver.PARTITIONS) == partition) {
                return "user-" + i;
            }
        }
    }
}
