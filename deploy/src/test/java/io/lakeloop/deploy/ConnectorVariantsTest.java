package io.lakeloop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.strimzi.api.kafka.model.connector.KafkaConnector;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * config/*.json is the one definition of each connector; the compose stack's copies (config/compose/connectors) and
 * the Strimzi KafkaConnectors differ from it only where a deployment must: endpoints, credentials, region, dead-letter
 * replication and the S3 sinks' commit interval.
 */
class ConnectorVariantsTest {

    static final Set<String> DEPLOYMENT_KEYS = Set.of("aws.endpoint", "aws.region", "aws.credentials.provider",
            "aws.access.key.id", "aws.secret.access.key", "s3.path.style.access", "rotate.schedule.interval.ms",
            "errors.deadletterqueue.topic.replication.factor");

    static Map<String, Map<String, String>> base() {
        Map<String, Map<String, String>> byName = new LinkedHashMap<>();
        for (Path file : Repo.list("config", ".json")) {
            String name = Repo.JSON.valueToTree(read(file)).path("name").asText();
            byName.put(name, Repo.connectorConfig(file));
        }
        return byName;
    }

    private static Object read(Path file) {
        try {
            return Repo.JSON.readTree(file.toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<String> baseNames() {
        return List.copyOf(base().keySet());
    }

    private static Map<String, String> withoutDeploymentKeys(Map<String, String> config) {
        Map<String, String> out = new LinkedHashMap<>(config);
        out.keySet().removeAll(DEPLOYMENT_KEYS);
        return out;
    }

    @Test
    void composeConnectorsAreTheBaseOnesPointedAtTheComposeServices() {
        Map<String, Map<String, String>> base = base();
        List<Path> files = Repo.list("config/compose/connectors", ".json");
        assertThat(files).extracting(f -> f.getFileName().toString().replace(".json", ""))
                .containsExactlyInAnyOrderElementsOf(base.keySet());
        for (Path file : files) {
            Map<String, String> compose = Repo.connectorConfig(file);
            String name = file.getFileName().toString().replace(".json", "");
            assertThat(withoutDeploymentKeys(compose)).as(name).isEqualTo(withoutDeploymentKeys(base.get(name)));
            assertThat(compose.get("aws.endpoint")).as(name).isIn("http://s3:9000", "http://emulator:8089");
            // secrets from the worker's environment, never in the config topic or the REST API
            assertThat(compose.get("aws.secret.access.key")).as(name).startsWith("${env:");
        }
    }

    @Test
    void strimziConnectorsAreTheBaseOnesWithTheClusterIamRole() {
        Map<String, Map<String, String>> base = base();
        for (Path file : Repo.list(KubernetesManifestsTest.STRIMZI, ".yaml")) {
            if (!file.getFileName().toString().startsWith("kafkaconnector-")) {
                continue;
            }
            KafkaConnector k = (KafkaConnector) StrictModel.bind(Repo.yamlDocuments(file).get(0), file.toString());
            String name = k.getMetadata().getName();
            Map<String, String> config = new LinkedHashMap<>();
            k.getSpec().getConfig().forEach((key, value) -> config.put(key, String.valueOf(value)));
            config.put("connector.class", k.getSpec().getClassName());
            config.put("tasks.max", String.valueOf(k.getSpec().getTasksMax()));
            assertThat(withoutDeploymentKeys(config)).as(name).isEqualTo(withoutDeploymentKeys(base.get(name)));
            assertThat(config).as(name).doesNotContainKeys("aws.access.key.id", "aws.secret.access.key",
                    "aws.endpoint").containsEntry("aws.credentials.provider", "default");
        }
    }
}
