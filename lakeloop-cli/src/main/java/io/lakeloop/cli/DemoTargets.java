package io.lakeloop.cli;

import io.lakeloop.cli.demo.DemoExpectations;
import io.lakeloop.cli.demo.LakeTargets;
import io.lakeloop.lake.LakeColumn;
import io.lakeloop.lake.LakeLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Where the demo looks for its outputs: read from the S3 connectors' deployed configurations. */
final class DemoTargets {

    private DemoTargets() {
    }

    static LakeTargets from(Map<String, Map<String, String>> connectors) {
        LakeTargets defaults = LakeTargets.defaults(S3ProxyProcess.UPSTREAM_BUCKET, S3ProxyProcess.LAKE_BUCKET,
                S3ProxyProcess.DOWNSTREAM_BUCKET);
        String upstreamBucket = defaults.upstreamBucket();
        String upstreamPrefix = defaults.upstreamPrefix();
        String lakeBucket = defaults.lakeBucket();
        String dataset = defaults.dataset();
        String table = defaults.table();
        List<LakeColumn> columns = defaults.lakeColumns();
        for (Map<String, String> config : connectors.values()) {
            String layout = config.getOrDefault("s3.key.layout", "").toLowerCase(Locale.ROOT);
            if (!config.containsKey("s3.bucket")) {
                continue;
            }
            if ("hive".equals(layout)) {
                lakeBucket = config.get("s3.bucket");
                dataset = config.getOrDefault("s3.key.hive.dataset", dataset);
                table = config.getOrDefault("s3.key.hive.table", table);
                columns = columns(config.get("format.csv.columns"), columns);
            } else if ("firehose".equals(layout) || layout.isEmpty()) {
                upstreamBucket = config.get("s3.bucket");
                upstreamPrefix = config.getOrDefault("s3.key.prefix", LakeLayout.UPSTREAM_INTERACTIONS_PREFIX);
            }
        }
        return new LakeTargets(upstreamBucket, upstreamPrefix, lakeBucket, dataset, table, columns,
                defaults.downstreamBucket(), defaults.exportKey());
    }

    /** Dead-letter topics of the connectors, by the demo's stage name. */
    static Map<String, String> deadLetterTopics(Map<String, Map<String, String>> connectors) {
        Map<String, String> topics = new java.util.LinkedHashMap<>();
        for (Map<String, String> config : connectors.values()) {
            String dlq = config.get("errors.deadletterqueue.topic.name");
            if (dlq == null || dlq.isBlank()) {
                continue;
            }
            String connectorClass = config.getOrDefault("connector.class", "").toLowerCase(Locale.ROOT);
            String input = config.getOrDefault("topics", "");
            if (input.equals(Topics.INTERACTIONS) && connectorClass.contains("personalize")) {
                topics.put(DemoExpectations.PERSONALIZE_DLQ, dlq);
            } else if (input.equals(Topics.INTERACTIONS) && connectorClass.contains(".s3.")) {
                topics.put(DemoExpectations.UPSTREAM_DLQ, dlq);
            } else if (input.equals(Topics.LAKE_INTERACTIONS) && connectorClass.contains(".s3.")) {
                topics.put(DemoExpectations.LAKE_DLQ, dlq);
            }
        }
        return topics;
    }

    /** The consumer groups of the pipeline: each sink's {@code connect-<name>} and the collator's application id. */
    static List<String> consumerGroups(LocalStack stack, StackSettings settings) {
        List<String> groups = new java.util.ArrayList<>();
        stack.deployedConnectors().stream().filter(name -> {
            String topics = stack.connectorConfigs().get(name).getOrDefault("topics", "");
            return topics.equals(Topics.INTERACTIONS) || topics.equals(Topics.LAKE_INTERACTIONS);
        }).forEach(name -> groups.add("connect-" + name));
        groups.add(ConfigFiles.readProperties(settings.home().configDir().resolve(CollatorProcess.TEMPLATE))
                .getOrDefault("application.id", "lakeloop-collator"));
        return groups;
    }

    private static List<LakeColumn> columns(String list, List<LakeColumn> fallback) {
        if (list == null || list.isBlank()) {
            return fallback;
        }
        List<LakeColumn> columns = new ArrayList<>();
        for (String name : list.split(",")) {
            columns.add(LakeColumn.byName(name.trim()).orElseThrow(() -> new StackException(
                    "format.csv.columns names an unknown lake column: " + name)));
        }
        return columns;
    }
}
