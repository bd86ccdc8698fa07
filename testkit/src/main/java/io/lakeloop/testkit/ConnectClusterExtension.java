package io.lakeloop.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Connect cluster (distributed workers, {@code EmbeddedConnectCluster}) with its own one-node broker, all on
 * ephemeral ports; connectors are deployed through the workers' REST API.
 *
 * <pre>{@code
 * @RegisterExtension static final ConnectClusterExtension CONNECT = ConnectClusterExtension.create();
 * CONNECT.configureConnector("s3", Map.of("connector.class", S3SinkConnector.class.getName(), "topics", "t"));
 * CONNECT.awaitConnectorRunning("s3", 1); CONNECT.kafka().produce("t", "k", "v");
 * }</pre>
 *
 * <p><b>Plugins</b> are found with {@code plugin.discovery=service_load}, from the test classpath: a connector
 * module must ship {@code META-INF/services/org.apache.kafka.connect.sink.SinkConnector} (or {@code ...SourceConnector})
 * listing its connector class, or the worker answers "Failed to find any class that implements Connector".
 *
 * <p><b>Kafka 3.7 and 4.x:</b> this class calls only the parts of {@code EmbeddedConnectCluster} whose signatures are
 * the same in {@code connect-runtime} 3.7.2 and 4.1.2, so the same compiled class runs on both (see the README).
 */
public final class ConnectClusterExtension extends ClassScopedExtension {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectClusterExtension.class);

    private final Map<String, String> workerProps = new HashMap<>();
    private final Properties brokerProps = new Properties();
    private final KafkaTestClient client = new KafkaTestClient(this::bootstrapServers);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private int numWorkers = 1;
    private EmbeddedConnectCluster connect;

    private ConnectClusterExtension() {
        workerProps.put("plugin.discovery", "service_load");
        // commit sink offsets every second, not every minute: crash/restart tests see the outcome quickly
        workerProps.put("offset.flush.interval.ms", "1000");
        brokerProps.putAll(KafkaBrokerExtension.SINGLE_NODE_BROKER_PROPS);
    }

    /** One worker, one broker, {@code plugin.discovery=service_load}, sink offsets committed every second. */
    public static ConnectClusterExtension create() {
        return new ConnectClusterExtension();
    }

    /** Number of workers to start with (default 1); call before start. */
    public ConnectClusterExtension withWorkers(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, was " + workers);
        }
        this.numWorkers = workers;
        return this;
    }

    /** Overrides or adds a worker setting (e.g. {@code key.converter}); call before start. */
    public ConnectClusterExtension withWorkerProperty(String key, String value) {
        workerProps.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
        return this;
    }

    /** Overrides or adds a setting of the cluster's broker; call before start. */
    public ConnectClusterExtension withBrokerProperty(String key, String value) {
        brokerProps.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
        return this;
    }

    /** Connector settings that send bad records to {@code topic} with the {@code __connect.errors.*} headers. */
    public static Map<String, String> deadLetterQueueConfig(String topic) {
        return Map.of(
                "errors.tolerance", "all",
                "errors.deadletterqueue.topic.name", topic,
                "errors.deadletterqueue.topic.replication.factor", "1",
                "errors.deadletterqueue.context.headers.enable", "true");
    }

    @Override
    protected void doStart() {
        long t0 = System.nanoTime();
        connect = new EmbeddedConnectCluster.Builder()
                .name("testkit-connect")
                .numWorkers(numWorkers)
                .numBrokers(1)
                .brokerProps(brokerProps)
                .workerProps(new HashMap<>(workerProps)) // the cluster adds its own entries: must be mutable
                .build();
        connect.start();
        LOG.info("Connect cluster up: {} worker(s) at {}, broker {}, in {} ms",
                numWorkers, workerUrl(), connect.kafka().bootstrapServers(), (System.nanoTime() - t0) / 1_000_000);
    }

    @Override
    protected void doStop() {
        client.close();
        if (connect != null) {
            connect.stop();
            connect = null;
        }
    }

    /** Clients for the cluster's broker: topics, producing, reading (shared, owned by this extension). */
    public KafkaTestClient kafka() {
        requireRunning();
        return client;
    }

    /** {@code host:port} of the cluster's broker. */
    public String bootstrapServers() {
        requireRunning();
        return connect.kafka().bootstrapServers();
    }

    /** Base URL of a running worker's REST API, without a trailing slash, e.g. {@code http://localhost:38211}. */
    public String restUrl() {
        requireRunning();
        return workerUrl();
    }

    private String workerUrl() {
        String url = connect.workers().iterator().next().url().toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Creates or updates a connector through {@code PUT /connectors/{name}/config}. */
    public void configureConnector(String name, Map<String, String> config) {
        requireRunning();
        connect.configureConnector(name, config);
    }

    /** Waits (up to Connect's own 2 minutes) until the connector and exactly {@code tasks} tasks are RUNNING. */
    public void awaitConnectorRunning(String name, int tasks) {
        requireRunning();
        try {
            connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, tasks,
                    "connector " + name + " and " + tasks + " task(s) did not reach RUNNING");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The connector's state and its tasks' states (with traces of failed ones), from the REST API. */
    public ConnectorStateInfo connectorStatus(String name) {
        requireRunning();
        return connect.connectorStatus(name);
    }

    /** Deletes a connector through the REST API. */
    public void deleteConnector(String name) {
        requireRunning();
        connect.deleteConnector(name);
    }

    /** Starts one more worker; it joins the group and takes a share of the tasks. */
    public WorkerHandle addWorker() {
        requireRunning();
        return connect.addWorker();
    }

    /** Stops one worker; its tasks move to the others after the rebalance. */
    public void removeWorker() {
        requireRunning();
        connect.removeWorker();
    }

    /** Stops one worker and starts a new one, then waits until as many workers as before are up. */
    public void restartWorker() {
        requireRunning();
        int before = connect.workers().size();
        connect.removeWorker();
        connect.addWorker();
        awaitWorkers(before);
    }

    /** Waits until exactly {@code count} workers answer on their REST API. */
    public void awaitWorkers(int count) {
        requireRunning();
        try {
            connect.assertions().assertExactlyNumWorkersAreUp(count, count + " workers did not come up");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Reads at least {@code expectedCount} records (with their error headers) from a dead-letter topic. */
    public List<KafkaRecord> readDeadLetters(String topic, int expectedCount, Duration timeout) {
        return kafka().consume(topic, expectedCount, timeout);
    }

    /**
     * A raw REST call to a worker, e.g. {@code rest("PUT", "/connectors/x/pause", null)}; body is JSON or null.
     * For asserting on status codes and error messages, which the typed methods turn into exceptions.
     */
    public HttpResponse<String> rest(String method, String path, String jsonBody) {
        HttpRequest.BodyPublisher body = jsonBody == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody);
        HttpRequest request = HttpRequest.newBuilder(URI.create(restUrl() + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .method(method, body)
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The underlying cluster, for anything not wrapped here (its API differs between Kafka 3.7 and 4.x). */
    public EmbeddedConnectCluster cluster() {
        requireRunning();
        return connect;
    }
}
