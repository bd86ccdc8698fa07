package io.lakeloop.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.lakeloop.streams.collator.CollatorConfig;
import io.lakeloop.streams.collator.ConfigSources;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connector.KafkaConnector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** deploy/kubernetes: valid against the API models, and consistent with the collator's own configuration. */
class KubernetesManifestsTest {

    static final String COLLATOR = "deploy/kubernetes/collator";
    static final String STRIMZI = "deploy/kubernetes/strimzi";

    /** Every resource a kustomization lists, bound strictly; every manifest of the folder is listed. */
    static List<Object> resources(String folder) {
        JsonNode kustomization = Repo.yaml(folder + "/kustomization.yaml");
        List<String> listed = new ArrayList<>();
        kustomization.path("resources").forEach(r -> listed.add(r.asText()));
        List<String> present = Repo.list(folder, ".yaml").stream().map(p -> p.getFileName().toString())
                .filter(n -> !n.equals("kustomization.yaml")).toList();
        assertThat(listed).as(folder + "/kustomization.yaml resources").containsExactlyInAnyOrderElementsOf(present);
        List<Object> out = new ArrayList<>();
        for (String file : listed) {
            Path path = Repo.path(folder + "/" + file);
            Repo.yamlDocuments(path).forEach(doc -> out.add(StrictModel.bind(doc, folder + "/" + file)));
        }
        return out;
    }

    static <T> T one(List<Object> resources, Class<T> type) {
        List<T> found = resources.stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(found).as(type.getSimpleName()).hasSize(1);
        return found.get(0);
    }

    @Test
    void strictBindingRejectsAFieldTheApiDoesNotHave() throws Exception {
        JsonNode typo = Repo.YAML.readTree("apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: x}\n"
                + "spec: {replicas: 1, serviceName: x, template: {spec: {containers: [{name: c, image: i, "
                + "readinessProbe: {httpGet: {path: /ready, port: 8090}, periodSecond: 5}}]}}}\n");
        assertThatThrownBy(() -> StrictModel.bind(typo, "typo")).hasMessageContaining("periodSecond");
        JsonNode wrongType = Repo.YAML.readTree("apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: x}\n"
                + "spec: {replicas: two}\n");
        assertThatThrownBy(() -> StrictModel.bind(wrongType, "type")).hasMessageContaining("not a valid");
    }

    @Test
    void collatorProbesUseTheCollatorsPortAndEndpoints() {
        List<Object> resources = resources(COLLATOR);
        StatefulSet set = one(resources, StatefulSet.class);
        PodSpec pod = set.getSpec().getTemplate().getSpec();
        Container c = pod.getContainers().get(0);
        int port = c.getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst().orElseThrow()
                .getContainerPort();
        assertThat(port).isEqualTo(CollatorConfig.DEFAULT_HTTP_PORT);
        assertThat(probe(c.getLivenessProbe().getHttpGet(), port)).isEqualTo("/health");
        assertThat(probe(c.getStartupProbe().getHttpGet(), port)).isEqualTo("/health");
        assertThat(probe(c.getReadinessProbe().getHttpGet(), port)).isEqualTo("/ready");
        assertThat(set.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("prometheus.io/port", String.valueOf(port)).containsEntry("prometheus.io/path", "/metrics");
        assertThat(c.getImage()).isEqualTo(Repo.yaml(COLLATOR + "/kustomization.yaml").path("images").get(0)
                .path("name").asText()).isEqualTo("lakeloop/streams-collator");
    }

    private static String probe(HTTPGetAction get, int port) {
        String named = get.getPort().getStrVal();
        assertThat(named == null ? get.getPort().getIntVal() : (Object) named).isIn("http", port);
        return get.getPath();
    }

    @Test
    void collatorEnvironmentIsAValidCollatorConfiguration() {
        List<Object> resources = resources(COLLATOR);
        StatefulSet set = one(resources, StatefulSet.class);
        Container c = set.getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, String> env = new HashMap<>(one(resources, ConfigMap.class).getData());
        for (EnvVar var : c.getEnv()) {
            env.put(var.getName(), var.getValue() == null ? "pod-0" : var.getValue().replace("$(POD_NAME)", "pod-0"));
        }
        CollatorConfig config = CollatorConfig.of(ConfigSources.fromEnvironment(env));
        assertThat(config.httpPort()).isEqualTo(CollatorConfig.DEFAULT_HTTP_PORT);
        assertThat(config.streamsProperties().getProperty("group.instance.id")).isEqualTo("pod-0");
        String stateDir = config.streamsProperties().getProperty("state.dir");
        assertThat(c.getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getMountPath()).isEqualTo(stateDir);
            assertThat(set.getSpec().getVolumeClaimTemplates()).extracting(t -> t.getMetadata().getName())
                    .contains(m.getName());
        });
        // SIGTERM: Kafka Streams gets its whole shutdown timeout before the kubelet kills the pod
        assertThat(set.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds() * 1000L)
                .isGreaterThan(config.shutdownTimeout().toMillis());
        assertThat(c.getEnvFrom()).filteredOn(s -> s.getSecretRef() != null)
                .extracting(s -> s.getSecretRef().getName()).containsExactly("lakeloop-collator-secrets");
    }

    @Test
    void collatorServiceAndBudgetSelectItsPodsAndItRunsAsTheImagesUser() {
        List<Object> resources = resources(COLLATOR);
        StatefulSet set = one(resources, StatefulSet.class);
        Map<String, String> podLabels = set.getSpec().getTemplate().getMetadata().getLabels();
        Service service = one(resources, Service.class);
        assertThat(set.getSpec().getServiceName()).isEqualTo(service.getMetadata().getName());
        assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(podLabels).containsAllEntriesOf(set.getSpec().getSelector().getMatchLabels());
        PodDisruptionBudget pdb = one(resources, PodDisruptionBudget.class);
        assertThat(podLabels).containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
        assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        assertThat(c(set).getResources().getLimits()).containsKey("memory");
        assertThat(c(set).getResources().getRequests()).containsKeys("cpu", "memory");
        long uid = set.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser();
        assertThat(Repo.read("docker/Dockerfile")).contains("--uid " + uid).contains("USER " + uid);
    }

    private static Container c(StatefulSet set) {
        return set.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    @Test
    void strimziConnectorsBelongToTheConnectClusterThatManagesThem() {
        List<Object> resources = resources(STRIMZI);
        KafkaConnect connect = one(resources, KafkaConnect.class);
        assertThat(connect.getMetadata().getAnnotations()).containsEntry("strimzi.io/use-connector-resources", "true");
        List<KafkaConnector> connectors = resources.stream().filter(KafkaConnector.class::isInstance)
                .map(KafkaConnector.class::cast).toList();
        assertThat(connectors).extracting(k -> k.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(ConnectorVariantsTest.baseNames());
        for (KafkaConnector k : connectors) {
            assertThat(k.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", connect.getMetadata().getName());
        }
        // the image is Strimzi's Kafka of the same version with the plugins added (docker/strimzi/Dockerfile)
        assertThat(Repo.read("docker/strimzi/Dockerfile")).contains("-kafka-" + connect.getSpec().getVersion());
        assertThat(connect.getSpec().getImage()).startsWith("lakeloop/strimzi-kafka-connect:");
    }
}
