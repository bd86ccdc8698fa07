package io.lakeloop.connect.s3;

import io.lakeloop.testkit.S3ProxyExtension;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** Connector configs and S3 readers shared by the integration tests. */
final class ItSupport {

    private ItSupport() {
    }

    /** A sink config pointing at the test's s3proxy, with a dead-letter topic. */
    static Map<String, String> sinkConfig(S3ProxyExtension s3, String topics, String bucket, String... keyValues) {
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", S3SinkConnector.class.getName());
        c.put("topics", topics);
        c.put("tasks.max", "1");
        c.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        c.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        c.put("s3.bucket", bucket);
        c.put("s3.path.style.access", "true");
        c.put("aws.endpoint", s3.endpoint().toString());
        c.put("aws.region", s3.region());
        c.put("aws.credentials.provider", "static");
        c.put("aws.access.key.id", s3.accessKey());
        c.put("aws.secret.access.key", s3.secretKey());
        c.put("s3.retry.backoff.ms", "500");
        c.put("s3.retry.backoff.max.ms", "4000");
        c.put("errors.tolerance", "all");
        c.put("errors.deadletterqueue.topic.name", topics + ".dlq");
        c.put("errors.deadletterqueue.topic.replication.factor", "1");
        c.put("errors.deadletterqueue.context.headers.enable", "true");
        for (int i = 0; i < keyValues.length; i += 2) {
            c.put(keyValues[i], keyValues[i + 1]);
        }
        return c;
    }

    /** Every line of every object under {@code prefix}, gunzipped; CSV headers not removed. */
    static List<String> lines(S3ProxyExtension s3, String bucket, String prefix) {
        List<String> out = new ArrayList<>();
        for (String key : s3.listKeys(bucket, prefix)) {
            for (String line : s3.readObject(bucket, key).split("\r?\n")) {
                if (!line.isEmpty()) {
                    out.add(line);
                }
            }
        }
        return out;
    }

    /**
     * As {@link #lines}, for polling while the connector writes: s3proxy may list a key whose PUT is still in
     * progress (then GET answers 404 or returns a partial body); such keys are left for the next poll.
     */
    static List<String> linesSoFar(S3ProxyExtension s3, String bucket, String prefix) {
        List<String> out = new ArrayList<>();
        for (String key : s3.listKeys(bucket, prefix)) {
            String text;
            try {
                text = s3.readObject(bucket, key);
            } catch (NoSuchKeyException | UncheckedIOException e) {
                continue;
            }
            for (String line : text.split("\r?\n")) {
                if (!line.isEmpty()) {
                    out.add(line);
                }
            }
        }
        return out;
    }

    /** How often each line occurs. */
    static Map<String, Integer> counts(List<String> lines) {
        Map<String, Integer> counts = new HashMap<>();
        for (String l : lines) {
            counts.merge(l, 1, Integer::sum);
        }
        return counts;
    }
}
