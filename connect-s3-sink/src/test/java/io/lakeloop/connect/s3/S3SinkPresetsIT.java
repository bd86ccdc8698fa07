package io.lakeloop.connect.s3;

import static io.lakeloop.connect.s3.ItSupport.lakeRows;
import static io.lakeloop.connect.s3.ItSupport.linesSoFar;
import static io.lakeloop.connect.s3.ItSupport.sinkConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lakeloop.lake.DataAddress;
import io.lakeloop.lake.LakeLayout;
import io.lakeloop.lake.LakeRow;
import io.lakeloop.testkit.ConnectClusterExtension;
import io.lakeloop.testkit.KafkaRecord;
import io.lakeloop.testkit.S3ProxyExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Both presets end to end on a real Connect worker and s3proxy, read back with the AWS SDK. */
@Tag("runtime-independent") // not rerun on Connect 3.7.2 by .ci/run: what it checks is the plugin's own logic
class S3SinkPresetsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @RegisterExtension
    static final S3ProxyExtension S3 = S3ProxyExtension.create();

    @RegisterExtension
    static final ConnectClusterExtension CONNECT = ConnectClusterExtension.create();

    @Test
    void upstreamLandingUsesFirehoseKeysAndKeepsEachJsonEventAsItCame() throws Exception {
        CONNECT.kafka().createTopic("interactions", 2); // March 2026 records: the testkit broker keeps any age
        long hour1 = Instant.parse("2026-03-07T05:10:00Z").toEpochMilli();
        long hour2 = Instant.parse("2026-03-07T06:20:00Z").toEpochMilli();
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String json = "{\"user_id\":\"u" + i + "\", \"event_type\":\"click\",\"item_id\":\"i" + i
                    + "\",\"timestamp\":" + (1_700_000_000 + i) + "}";
            sent.add(json);
            CONNECT.kafka().producer().send(new ProducerRecord<>("interactions", i % 2, i < 20 ? hour1 : hour2,
                    "u" + i, json)).get();
        }
        CONNECT.configureConnector("upstream", sinkConfig(S3, "interactions", "upstream", "rotate.records", "7"));
        CONNECT.awaitConnectorRunning("upstream", 1);

        String prefix = LakeLayout.UPSTREAM_INTERACTIONS_PREFIX;
        // 20 per hour, 10 per partition: objects of 7 and 3 records; the last one closes on the hour change or
        // on the wall-clock interval (default 5 min) — only the completed ones are checked here
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(linesSoFar(S3, "upstream", prefix)).hasSizeGreaterThanOrEqualTo(28));
        List<String> keys = S3.listKeys("upstream", prefix);
        assertThat(keys).allMatch(k -> k.matches("crm/dashboard_interaction/latest/2026/03/07/0[56]/"
                + "interactions\\+[01]\\+\\d{20}\\.jsonl\\.gz"), "firehose keys");
        assertThat(keys).contains(prefix + "2026/03/07/05/interactions+0+00000000000000000000.jsonl.gz",
                prefix + "2026/03/07/06/interactions+1+00000000000000000010.jsonl.gz");
        // more objects may be completing meanwhile: read what is complete
        assertThat(sent).containsAll(linesSoFar(S3, "upstream", prefix));
        assertThat(linesSoFar(S3, "upstream", prefix)).doesNotHaveDuplicates();
        CONNECT.deleteConnector("upstream");
    }

    @Test
    void lakeTableIsGzippedCsvInHivePartitionsByEventDateAndBadRowsGoToTheDeadLetterTopic() throws Exception {
        CONNECT.kafka().createTopic("lake.interactions", 1);
        List<LakeRow> rows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            long ts = i < 15 ? 1_772_841_600L + i : 1_772_928_000L + i; // 2026-03-07 and 2026-03-08 (UTC)
            rows.add(new LakeRow("user,\"" + i, "item-" + i, ts, i % 3 == 0 ? "add\nto cart" : "click",
                    i % 2 == 0 ? null : i * 1.5, i % 4 == 0 ? null : "s" + i, "e" + i));
        }
        for (int i = 0; i < rows.size(); i++) {
            CONNECT.kafka().produce("lake.interactions", "k" + i, rows.get(i).toJson());
            if (i == 10) {
                CONNECT.kafka().produce("lake.interactions", "bad", "{\"USER_ID\":\"u\",\"TIMESTAMP\":1772841600}");
            }
        }
        CONNECT.configureConnector("lake", sinkConfig(S3, "lake.interactions", "lake", "format", "csv",
                "s3.key.layout", "hive", "s3.key.hive.dataset", "crm_derived_restricted",
                "s3.key.hive.table", "t200_dashboard_interaction", "time.source", "field", "time.field", "TIMESTAMP",
                "rotate.schedule.interval.ms", "3000"));
        CONNECT.awaitConnectorRunning("lake", 1);

        String day1 = new DataAddress("crm_derived_restricted", "t200_dashboard_interaction",
                LocalDate.of(2026, 3, 7), "prod").s3Key();
        String day2 = new DataAddress("crm_derived_restricted", "t200_dashboard_interaction",
                LocalDate.of(2026, 3, 8), "prod").s3Key();
        await().atMost(TIMEOUT).ignoreExceptions()
                .untilAsserted(() -> assertThat(rowsIn(day1).size() + rowsIn(day2).size()).isEqualTo(30));
        assertThat(rowsIn(day1)).containsExactlyElementsOf(rows.subList(0, 15));
        assertThat(rowsIn(day2)).containsExactlyElementsOf(rows.subList(15, 30));
        assertThat(S3.listKeys("lake", day1)).allMatch(k -> k.endsWith(".csv.gz"));

        List<KafkaRecord> dead = CONNECT.readDeadLetters("lake.interactions.dlq", 1, TIMEOUT);
        assertThat(dead).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("bad");
            assertThat(r.header("__connect.errors.exception.message")).contains("ITEM_ID is missing")
                    .contains("lake.interactions-0@11");
        });
        CONNECT.deleteConnector("lake");
    }

    @Test
    void wallClockRotationFlushesAPartitionThatReceivesNothingMore() {
        CONNECT.kafka().createTopic("quiet", 3);
        CONNECT.configureConnector("quiet", sinkConfig(S3, "quiet", "upstream", "s3.key.prefix", "quiet/",
                "rotate.schedule.interval.ms", "4000", "rotate.records", "1000000", "time.source", "wallclock"));
        CONNECT.awaitConnectorRunning("quiet", 1);
        for (int i = 0; i < 5; i++) {
            CONNECT.kafka().produce("quiet", "same-key", "{\"n\":" + i + "}");
        }
        // no further record arrives: the objects must still be completed, within the interval plus a poll
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(linesSoFar(S3, "upstream", "quiet/"))
                .containsExactlyInAnyOrder("{\"n\":0}", "{\"n\":1}", "{\"n\":2}", "{\"n\":3}", "{\"n\":4}"));
        CONNECT.deleteConnector("quiet");
    }

    @Test
    void aMissingBucketFailsTheConnectorNamingTheBucket() {
        CONNECT.configureConnector("nobucket", sinkConfig(S3, "interactions", "no-such-bucket"));
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            ConnectorStateInfo status = CONNECT.connectorStatus("nobucket");
            assertThat(status.connector().state()).isEqualTo("FAILED");
            assertThat(status.connector().trace()).contains("no-such-bucket");
        });
        CONNECT.deleteConnector("nobucket");
    }

    @Test
    void wrongCredentialsFailTheConnectorSayingAccessDeniedToTheBucket() {
        CONNECT.configureConnector("denied", sinkConfig(S3, "interactions", "upstream",
                "aws.secret.access.key", "not-the-secret"));
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            ConnectorStateInfo status = CONNECT.connectorStatus("denied");
            assertThat(status.connector().state()).isEqualTo("FAILED");
            assertThat(status.connector().trace()).contains("access denied to bucket 'upstream'")
                    .doesNotContain("not-the-secret");
        });
        CONNECT.deleteConnector("denied");
    }

    private static List<LakeRow> rowsIn(String prefix) throws Exception {
        return lakeRows(S3, "lake", prefix);
    }
}
