package io.lakeloop.deploy.monitoring;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lakeloop.streams.collator.CollatorConfig;
import io.lakeloop.streams.collator.CollatorService;
import io.lakeloop.testkit.KafkaBrokerExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collator's dashboard and alert rules name only what its {@code /metrics} serves: a collator on a real KRaft
 * broker collates a few records (valid, a duplicate, undecodable), is scraped over HTTP once its per-partition meters
 * and a GC pause have appeared, and every metric of {@code grafana/lakeloop-collator.json} and of the
 * {@code lakeloop-collator} rule group must be among the scraped series ({@code up} is Prometheus' own).
 */
class CollatorMonitoringNamesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static final KafkaBrokerExtension broker = KafkaBrokerExtension.create()
            .withBrokerProperty("transaction.state.log.num.partitions", "1");

    @TempDir
    Path stateDir;

    @Test
    void everyPanelAndRuleNamesAScrapedSeries() throws Exception {
        broker.createTopic("mon-raw", 2);
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", broker.bootstrapServers());
        props.put("application.id", "monitoring-names");
        props.put("state.dir", stateDir.toString());
        props.put(CollatorConfig.INPUT_TOPICS_CONFIG, "mon-raw");
        props.put(CollatorConfig.HTTP_HOST_CONFIG, "127.0.0.1");
        props.put(CollatorConfig.HTTP_PORT_CONFIG, 0);
        try (CollatorService service = CollatorService.start(CollatorConfig.of(props))) {
            int port = service.httpPort();
            long now = Instant.now().getEpochSecond();
            KafkaProducer<byte[], byte[]> producer = broker.client().bytesProducer();
            for (String v : List.of(event("i1", "e1", now), event("i2", "e2", now), event("i1", "e1", now), "not json {")) {
                producer.send(new ProducerRecord<>("mon-raw", "u1".getBytes(UTF_8), v.getBytes(UTF_8)));
            }
            producer.flush();

            await("collated, per-partition lag bound, a GC pause recorded").atMost(TIMEOUT)
                    .pollInterval(Duration.ofSeconds(1)).until(() -> {
                        System.gc();
                        String text = scrape(port);
                        return text.contains("\nlakeloop_collator_records_in_total 4.0\n")
                                && text.contains("\nkafka_consumer_fetch_manager_records_lag{")
                                && text.contains("\njvm_gc_pause_seconds_count{");
                    });
            Set<String> exported = MonitoringFiles.seriesNames(scrape(port));
            exported.add("up");

            List<MonitoringFiles.Query> queries = new java.util.ArrayList<>(
                    MonitoringFiles.dashboard("lakeloop-collator.json"));
            queries.addAll(MonitoringFiles.alerts(group -> group.equals("lakeloop-collator")));

            assertThat(queries).hasSizeGreaterThan(20);
            assertThat(MonitoringFiles.unexported(queries, exported)).as("named but not served on /metrics").isEmpty();
        }
    }

    private static String event(String item, String id, long ts) {
        return "{\"user_id\":\"u1\",\"session_id\":\"s\",\"item_id\":\"" + item + "\",\"event_type\":\"click\","
                + "\"timestamp\":" + ts + ",\"event_id\":\"" + id + "\"}";
    }

    private static String scrape(int port) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }
}
