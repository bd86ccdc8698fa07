package io.lakeloop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakeloop.cli.Ports;
import io.lakeloop.streams.collator.CollatorConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The collator's HTTP port is one number: the code's default, its config file, the local stack, the image, compose,
 * the README, the ECS example and the Kubernetes probes (checked in {@link KubernetesManifestsTest}).
 */
class OneCollatorPortTest {

    static final int PORT = CollatorConfig.DEFAULT_HTTP_PORT;

    @Test
    void codeConfigAndLocalStackAgree() {
        assertThat(new CollatorConfig(java.util.Map.of("bootstrap.servers", "b:9092")).httpPort()).isEqualTo(PORT);
        assertThat(Repo.properties("config/streams-collator.properties").getProperty(CollatorConfig.HTTP_PORT_CONFIG))
                .isEqualTo(String.valueOf(PORT));
        assertThat(Ports.DEFAULT_COLLATOR).isEqualTo(PORT);
    }

    @Test
    void theImageListensAndChecksHealthOnIt() {
        String stage = Dockerfiles.stage(Repo.read("docker/Dockerfile"), "streams-collator");
        assertThat(stage).contains("LAKELOOP_COLLATOR_HTTP_PORT=" + PORT).contains("EXPOSE " + PORT)
                .contains("lakeloop-healthcheck http \"${LAKELOOP_COLLATOR_HTTP_PORT}\" /health");
    }

    @Test
    void composePublishesAndChecksIt() {
        JsonNode collator = Repo.yaml("docker-compose.yml").path("services").path("collator");
        assertThat(collator.path("ports").get(0).asText()).endsWith(":" + PORT).startsWith("127.0.0.1:");
        assertThat(collator.path("healthcheck").path("test").toString()).contains("\"" + PORT + "\"");
    }

    @Test
    void readmeAndDocsNameNoOtherPort() {
        assertThat(Repo.read("README.md")).contains("`http://127.0.0.1:" + PORT + "`");
        assertThat(healthPorts(Repo.read("docs/deploy-msk.md"))).isNotEmpty().containsOnly(PORT);
        assertThat(healthPorts(Repo.read("docs/deploy-kubernetes.md"))).containsOnly(PORT);
        assertThat(healthPorts(Repo.read("docs/deploy-docker.md"))).containsOnly(PORT);
        assertThat(Repo.read("docs/streams-collator.md")).contains("| `collator.http.port` | int | `" + PORT + "` |");
    }

    /** Every port written before a collator endpoint (…:8090/health, /ready, /metrics) in a document. */
    static List<Integer> healthPorts(String text) {
        Matcher m = Pattern.compile(":(\\d{2,5})/(health|ready|metrics)\\b").matcher(text);
        List<Integer> ports = new ArrayList<>();
        while (m.find()) {
            ports.add(Integer.parseInt(m.group(1)));
        }
        return ports;
    }
}
