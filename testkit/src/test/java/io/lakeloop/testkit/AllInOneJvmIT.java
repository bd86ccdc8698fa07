package io.lakeloop.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Broker, Connect and s3proxy in one JVM: the classpath conflicts of stack.md (Jetty, Jackson, logging) would
 * show here, e.g. as a NoSuchMethodError from Connect's REST server. s3proxy starts first, on purpose.
 */
class AllInOneJvmIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    static final S3ProxyExtension S3 = S3ProxyExtension.create();

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.create();

    @RegisterExtension
    static final ConnectClusterExtension CONNECT = ConnectClusterExtension.create();

    @Test
    void connectRestServesPluginsAndASinkRunsNextToS3ProxyAndABroker() {
        var plugins = CONNECT.rest("GET", "/connector-plugins?connectorsOnly=true", null);
        assertThat(plugins.statusCode()).isEqualTo(200);
        assertThat(plugins.body()).contains(CollectingSinkConnector.class.getName());

        CONNECT.kafka().createTopic("all-in-one", 1);
        CONNECT.configureConnector("all-in-one", Map.of(
                "connector.class", CollectingSinkConnector.class.getName(), "topics", "all-in-one"));
        CONNECT.awaitConnectorRunning("all-in-one", 1);
        CONNECT.kafka().produce("all-in-one", "k", "v");
        await().atMost(TIMEOUT).untilAsserted(() ->
                assertThat(CollectingSinkTask.RECEIVED).contains("all-in-one:k=v"));

        S3.putObject("lake", "x/y.csv", "1,2\n");
        assertThat(S3.readObject("lake", "x/y.csv")).isEqualTo("1,2\n");

        KAFKA.createTopic("standalone", 1);
        KAFKA.produce("standalone", "a", "b");
        assertThat(KAFKA.consume("standalone", 1, TIMEOUT)).extracting(KafkaRecord::value).containsExactly("b");
    }
}
