package io.lakeloop.streams.collator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks at start that the input topics exist (a clear error instead of a Streams shutdown) and creates the output
 * and dead-letter topics when they are missing and {@code collator.topics.create} is on: as many partitions as the
 * first input topic unless configured, the broker's default replication unless configured.
 */
final class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);
    private static final long TIMEOUT_MS = 60_000;

    private TopicProvisioner() {
    }

    /**
     * What the service needs to know about the topics it found.
     *
     * @param inputPartitions    the partitions of the first input topic
     * @param dlqMaxMessageBytes the dead-letter topic's {@code max.message.bytes} when it could be read, else -1
     */
    record Topics(int inputPartitions, int dlqMaxMessageBytes) {
    }

    /**
     * @throws ConfigException when an input topic is missing or the dead-letter topic is compacted (a compacted
     *         topic refuses the dead letters of records without a key, and would keep one dead letter per key)
     */
    static Topics provision(CollatorConfig config) {
        Properties streams = config.streamsProperties();
        Map<String, Object> adminProps = new StreamsConfig(streams).getAdminConfigs("lakeloop-collator-provisioner");
        adminProps.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000);
        try (Admin admin = Admin.create(adminProps)) {
            Map<String, TopicDescription> inputs = describe(admin, config.inputTopics());
            List<String> missingInputs = config.inputTopics().stream().filter(t -> !inputs.containsKey(t)).toList();
            if (!missingInputs.isEmpty()) {
                throw new ConfigException(CollatorConfig.INPUT_TOPICS_CONFIG, missingInputs,
                        "input topics do not exist");
            }
            if (config.createTopics()) {
                create(admin, config, inputs);
            }
            return new Topics(inputs.get(config.inputTopics().get(0)).partitions().size(),
                    dlqMaxMessageBytes(admin, config));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the brokers did not answer within " + TIMEOUT_MS + " ms", e);
        }
    }

    private static void create(Admin admin, CollatorConfig config, Map<String, TopicDescription> inputs)
            throws InterruptedException, TimeoutException {
        int partitions = config.topicPartitions() > 0 ? config.topicPartitions()
                : inputs.get(config.inputTopics().get(0)).partitions().size();
        List<String> wanted = List.of(config.outputTopic(), config.dlqTopic());
        Set<String> existing = describe(admin, wanted).keySet();
        List<NewTopic> create = new ArrayList<>();
        for (String topic : wanted) {
            if (!existing.contains(topic)) {
                create.add(new NewTopic(topic, Optional.of(partitions),
                        config.topicReplicationFactor() > 0 ? Optional.of(config.topicReplicationFactor())
                                : Optional.empty()));
            }
        }
        for (NewTopic t : create) {
            try {
                admin.createTopics(List.of(t)).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
                LOG.info("created topic {} with {} partitions", t.name(), partitions);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + t.name(), e.getCause());
                }
            }
        }
    }

    private static int dlqMaxMessageBytes(Admin admin, CollatorConfig config)
            throws InterruptedException, TimeoutException {
        ConfigResource dlq = new ConfigResource(ConfigResource.Type.TOPIC, config.dlqTopic());
        Config topicConfig;
        try {
            topicConfig = admin.describeConfigs(List.of(dlq)).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).get(dlq);
        } catch (ExecutionException e) {
            // e.g. not authorised to describe topic configs: the producer's limit alone bounds dead letters
            LOG.info("cannot read the configuration of {} ({}); dead letters are sized by the producer's limit only",
                    config.dlqTopic(), e.getCause().getClass().getSimpleName());
            return -1;
        }
        ConfigEntry policy = topicConfig == null ? null : topicConfig.get(TopicConfig.CLEANUP_POLICY_CONFIG);
        if (policy != null && policy.value() != null && policy.value().contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
            throw new ConfigException(CollatorConfig.DLQ_TOPIC_CONFIG, config.dlqTopic(), "the dead-letter topic is "
                    + "compacted (cleanup.policy=" + policy.value() + "): it would refuse dead letters without a key "
                    + "and keep only one per key; use cleanup.policy=delete");
        }
        ConfigEntry max = topicConfig == null ? null : topicConfig.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
        try {
            return max == null || max.value() == null ? -1 : Integer.parseInt(max.value());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Map<String, TopicDescription> describe(Admin admin, List<String> topics)
            throws InterruptedException, TimeoutException {
        Map<String, TopicDescription> out = new java.util.HashMap<>();
        admin.describeTopics(topics).topicNameValues().forEach((name, future) -> {
            try {
                out.put(name, future.get(TIMEOUT_MS, TimeUnit.MILLISECONDS));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException("cannot describe topic " + name, e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while describing " + name, e);
            } catch (TimeoutException e) {
                throw new IllegalStateException("the brokers did not describe " + name + " within " + TIMEOUT_MS
                        + " ms", e);
            }
        });
        return out;
    }
}
