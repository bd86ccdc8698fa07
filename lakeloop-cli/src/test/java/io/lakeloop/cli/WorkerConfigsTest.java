package io.lakeloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.connect.runtime.distributed.DistributedConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every worker configuration the project ships is one the Connect runtime accepts, with no misspelt key. */
class WorkerConfigsTest {

    static Stream<Path> workerFiles() throws Exception {
        Path config = CliProcess.HOME.resolve("config");
        List<Path> files = new ArrayList<>();
        try (Stream<Path> top = Files.list(config)) {
            top.filter(f -> f.getFileName().toString().startsWith("connect-worker-")).forEach(files::add);
        }
        files.add(CliProcess.HOME.resolve("docker/config/connect-worker.properties")); // the images' worker (compose)
        assertThat(files).hasSizeGreaterThanOrEqualTo(4);
        return files.stream().sorted();
    }

    @ParameterizedTest
    @MethodSource("workerFiles")
    void isAValidDistributedWorkerConfig(Path file) {
        Map<String, String> props = new HashMap<>(ConfigFiles.readProperties(file));
        // placeholders of the cloud templates are host names, not config; the runtime only parses them
        assertThat(props).containsKeys("bootstrap.servers", "group.id", "config.storage.topic",
                "offset.storage.topic", "status.storage.topic", "plugin.path");
        DistributedConfig parsed = new DistributedConfig(props);
        assertThat(parsed.getString("group.id")).isEqualTo("lakeloop-connect");

        Set<String> worker = parsed.values().keySet();
        for (String key : props.keySet()) {
            assertThat(isKnown(key, worker)).as("%s: unknown key %s", file.getFileName(), key).isTrue();
        }
    }

    private static boolean isKnown(String key, Set<String> worker) {
        if (worker.contains(key) || key.startsWith("config.providers.") || key.startsWith("listeners.https.")) {
            return true;
        }
        if (key.startsWith("producer.")) {
            return ProducerConfig.configNames().contains(key.substring("producer.".length()));
        }
        if (key.startsWith("consumer.")) {
            return ConsumerConfig.configNames().contains(key.substring("consumer.".length()));
        }
        if (key.startsWith("admin.")) {
            return AdminClientConfig.configNames().contains(key.substring("admin.".length()));
        }
        // client security settings at the top level apply to the worker's own clients
        return ProducerConfig.configNames().contains(key) || ConsumerConfig.configNames().contains(key);
    }
}
