package io.lakeloop.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where deployed connectors point: the endpoints and credentials their AWS clients use, and deployment-wide
 * settings. A null member leaves the connector file's own value alone.
 *
 * @param s3Endpoint          {@code aws.endpoint} of the S3 sinks (and path-style access); null: AWS S3
 * @param personalizeEndpoint {@code aws.endpoint} of the Personalize sinks; null: AWS Personalize
 * @param accessKey           with {@code secretKey}: static credentials; null: the file's credentials provider
 * @param rotateIntervalMs    {@code rotate.schedule.interval.ms} of the S3 sinks
 * @param dlqReplication      {@code errors.deadletterqueue.topic.replication.factor}
 * @param overrides           set on every connector last (key=value from the command line)
 */
public record ConnectorTarget(String s3Endpoint, String personalizeEndpoint, String region, String accessKey,
                              String secretKey, Long rotateIntervalMs, Integer dlqReplication,
                              Map<String, String> overrides) {

    public ConnectorTarget {
        if ((accessKey == null) != (secretKey == null)) {
            throw new IllegalArgumentException("An access key needs its secret key, and the other way round");
        }
        overrides = Map.copyOf(overrides);
    }

    /** The local stack: s3proxy, the emulator, the local keys, objects committed every 10 s, one broker. */
    public static ConnectorTarget local(StackSettings settings) {
        return new ConnectorTarget(settings.s3Endpoint(), settings.emulatorUrl(), settings.s3().region(),
                settings.s3().accessKey(), settings.s3().secretKey(), LocalConnectors.LOCAL_ROTATE_INTERVAL_MS, 1,
                Map.of());
    }

    /** The {@code ${LAKELOOP_*}} placeholders a connector file may use. */
    Map<String, String> placeholders() {
        Map<String, String> values = new LinkedHashMap<>();
        put(values, "LAKELOOP_S3_ENDPOINT", s3Endpoint);
        put(values, "LAKELOOP_PERSONALIZE_ENDPOINT", personalizeEndpoint);
        put(values, "LAKELOOP_AWS_REGION", region);
        put(values, "LAKELOOP_AWS_ACCESS_KEY_ID", accessKey);
        put(values, "LAKELOOP_AWS_SECRET_ACCESS_KEY", secretKey);
        return values;
    }

    private static void put(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
