package io.lakeloop.lake;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which bucket holds each {@link LakeZone}. The seed's convention is {@code <tenant>-c360-<zone><suffix>} with the
 * suffix chosen by stage ({@code prod} → none, {@code staging} → {@code -staging}, anything else → {@code -dev});
 * the local stack and tests name the buckets directly ({@link #ofBuckets}).
 */
public final class LakeLayout {

    /** The Firehose-style prefix the seed's upstream landing uses for live interaction events. */
    public static final String UPSTREAM_INTERACTIONS_PREFIX = "crm/dashboard_interaction/latest/";
    /** The seed's key of the Personalize import file in the downstream zone. */
    public static final String PERSONALIZE_INPUT_KEY = "recommender/personalize_input.csv";

    private final Map<LakeZone, String> buckets;

    private LakeLayout(Map<LakeZone, String> buckets) {
        this.buckets = Map.copyOf(buckets);
    }

    public static LakeLayout ofTenant(String tenant, String stage) {
        Objects.requireNonNull(tenant, "tenant");
        String suffix = switch (Objects.requireNonNull(stage, "stage")) {
            case "prod" -> "";
            case "staging" -> "-staging";
            default -> "-dev";
        };
        Map<LakeZone, String> map = new EnumMap<>(LakeZone.class);
        for (LakeZone z : LakeZone.values()) {
            map.put(z, tenant + "-c360-" + z.id() + suffix);
        }
        return new LakeLayout(map);
    }

    public static LakeLayout ofBuckets(String upstream, String lake, String downstream) {
        Map<LakeZone, String> map = new EnumMap<>(LakeZone.class);
        map.put(LakeZone.UPSTREAM, Objects.requireNonNull(upstream, "upstream"));
        map.put(LakeZone.LAKE, Objects.requireNonNull(lake, "lake"));
        map.put(LakeZone.DOWNSTREAM, Objects.requireNonNull(downstream, "downstream"));
        return new LakeLayout(map);
    }

    public String bucket(LakeZone zone) {
        return buckets.get(zone);
    }

    /** {@code s3://<lake bucket>/<dataset>/<table>/dt=YYYY-MM-DD/} */
    public String s3Uri(DataAddress address) {
        return "s3://" + bucket(LakeZone.LAKE) + "/" + address.s3Key();
    }

    @Override
    public String toString() {
        return "LakeLayout" + buckets;
    }
}
