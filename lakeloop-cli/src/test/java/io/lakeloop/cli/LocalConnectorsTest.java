package io.lakeloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalConnectorsTest {

    @TempDir
    Path dir;

    private static final String S3_SINK = """
            {"name": "s3-lake-sink", "config": {
              "connector.class": "io.lakeloop.connect.s3.S3SinkConnector", "topics": "lake.interactions",
              "s3.bucket": "lake", "aws.endpoint": "http://127.0.0.1:9000", "aws.credentials.provider": "default",
              "rotate.schedule.interval.ms": "300000", "tasks.max": 2,
              "errors.deadletterqueue.topic.name": "lake.dlq", "errors.deadletterqueue.topic.replication.factor": "3"}}
            """;
    private static final String PERSONALIZE_SINK = """
            {"connector.class": "io.lakeloop.connect.personalize.PersonalizeSinkConnector", "topics": "interactions",
             "personalize.tracking.id": "${LAKELOOP_TRACKING}", "aws.region": "${LAKELOOP_AWS_REGION}"}
            """;

    private StackSettings settings() {
        return new StackSettings(new LakeloopHome(dir), dir.resolve("data"),
                new Ports(19092, 19093, 18083, 19000, 18089, 18090), StackSettings.S3Credentials.local());
    }

    @Test
    void pointsEveryConnectorAtTheLocalStack() throws Exception {
        Files.writeString(dir.resolve("s3-lake-sink.json"), S3_SINK);
        Files.writeString(dir.resolve("personalize-events-sink.json"), PERSONALIZE_SINK);
        Files.writeString(dir.resolve("not-a-connector.json"), "{\"hello\": \"world\"}");
        List<LocalConnectors.Connector> connectors = LocalConnectors.load(dir, ConnectorTarget.local(settings()));

        assertThat(connectors).extracting(LocalConnectors.Connector::name)
                .containsExactly("personalize-events-sink", "s3-lake-sink");
        Map<String, String> personalize = connectors.get(0).config();
        assertThat(personalize).containsEntry("aws.endpoint", "http://127.0.0.1:18089")
                .containsEntry("aws.region", "us-east-1")
                .containsEntry("aws.credentials.provider", "static")
                .containsEntry("aws.access.key.id", "lakeloop")
                .containsEntry("personalize.tracking.id", "${LAKELOOP_TRACKING}")
                .doesNotContainKey("s3.path.style.access");
        Map<String, String> s3 = connectors.get(1).config();
        assertThat(s3).containsEntry("aws.endpoint", "http://127.0.0.1:19000")
                .containsEntry("s3.path.style.access", "true")
                .containsEntry("s3.bucket", "lake")
                .containsEntry("tasks.max", "2")
                .containsEntry("rotate.schedule.interval.ms", "10000")
                .containsEntry("errors.deadletterqueue.topic.replication.factor", "1")
                .doesNotContainKey("name");
    }

    @Test
    void aDeploymentTargetChangesOnlyWhatItSets() throws Exception {
        Path file = Files.writeString(dir.resolve("s3.json"), S3_SINK);
        ConnectorTarget target = new ConnectorTarget("http://minio:9000", null, null, null, null, null, null,
                Map.of("tasks.max", "6"));
        Map<String, String> config = LocalConnectors.load(List.of(file), target).get(0).config();
        assertThat(config).containsEntry("aws.endpoint", "http://minio:9000")
                .containsEntry("s3.path.style.access", "true")
                .containsEntry("aws.credentials.provider", "default")
                .containsEntry("rotate.schedule.interval.ms", "300000")
                .containsEntry("errors.deadletterqueue.topic.replication.factor", "3")
                .containsEntry("tasks.max", "6")
                .doesNotContainKey("aws.access.key.id");
    }

    @Test
    void aConfluentConfigsEndpointAndRegionNamesGiveWayToTheTargets() throws Exception {
        Path file = Files.writeString(dir.resolve("confluent.json"), """
                {"name": "orders-to-s3", "config": {"connector.class": "io.lakeloop.connect.s3.S3SinkConnector",
                 "topics": "orders", "s3.bucket.name": "upstream", "s3.region": "eu-west-1",
                 "store.url": "http://127.0.0.1:9000", "s3.path.style.access.enabled": "false", "flush.size": "3"}}
                """);
        ConnectorTarget target = new ConnectorTarget("http://minio:9000", null, "us-east-1", null, null, null, null,
                Map.of());
        Map<String, String> config = LocalConnectors.load(List.of(file), target).get(0).config();
        assertThat(config).containsEntry("aws.endpoint", "http://minio:9000").containsEntry("aws.region", "us-east-1")
                .containsEntry("s3.path.style.access", "true").containsEntry("s3.bucket.name", "upstream")
                .containsEntry("flush.size", "3")
                .doesNotContainKeys("store.url", "s3.region", "s3.path.style.access.enabled");
    }

    @Test
    void dryRunMasksSecrets() {
        assertThat(DeployCommand.masked(Map.of("aws.secret.access.key", "s3cr3t", "aws.session.token", "t",
                "sasl.password", "p", "aws.region", "eu-west-1")))
                .containsEntry("aws.secret.access.key", "********").containsEntry("aws.session.token", "********")
                .containsEntry("sasl.password", "********").containsEntry("aws.region", "eu-west-1");
    }

    @Test
    void withSeveralWorkersEachConnectorOnAPartitionedTopicRunsATaskPerWorker() {
        List<LocalConnectors.Connector> connectors = List.of(
                new LocalConnectors.Connector("events", Map.of("topics", "interactions", "tasks.max", "2")),
                new LocalConnectors.Connector("lake", Map.of("topics", "lake.interactions", "tasks.max", "1")),
                new LocalConnectors.Connector("items", Map.of("topics", "items", "tasks.max", "1")));

        assertThat(LocalConnectors.spread(connectors, 1)).isEqualTo(connectors);
        assertThat(LocalConnectors.spread(connectors, 3)).extracting(c -> c.config().get("tasks.max"))
                .containsExactly("3", "3", "1");
        assertThat(LocalConnectors.spread(connectors, 5)).extracting(c -> c.config().get("tasks.max"))
                .as("never more tasks than partitions").containsExactly("3", "3", "1");
    }
}
