package io.lakeloop.cli.demo;

import io.lakeloop.lake.LakeColumn;
import io.lakeloop.lake.LakeLayout;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Where the loop's outputs land in the local stack: the raw upstream prefix, the lake table and the exported file.
 *
 * @param lakeColumns the lake CSV's column order when its parts have no header row
 */
public record LakeTargets(String upstreamBucket, String upstreamPrefix, String lakeBucket, String dataset,
                          String table, List<LakeColumn> lakeColumns, String downstreamBucket, String exportKey) {

    public LakeTargets {
        Objects.requireNonNull(upstreamBucket, "upstreamBucket");
        Objects.requireNonNull(upstreamPrefix, "upstreamPrefix");
        Objects.requireNonNull(lakeBucket, "lakeBucket");
        lakeColumns = List.copyOf(lakeColumns);
    }

    public static LakeTargets defaults(String upstreamBucket, String lakeBucket, String downstreamBucket) {
        return new LakeTargets(upstreamBucket, LakeLayout.UPSTREAM_INTERACTIONS_PREFIX, lakeBucket,
                "crm_derived_restricted", "t200_dashboard_interaction", LakeColumn.ALL, downstreamBucket,
                LakeLayout.PERSONALIZE_INPUT_KEY);
    }

    /** {@code <dataset>/<table>/dt=<day>/} */
    public String lakePrefix(LocalDate day) {
        return dataset + "/" + table + "/dt=" + day + "/";
    }

    public String lakeUri(LocalDate day) {
        return "s3://" + lakeBucket + "/" + lakePrefix(day);
    }

    public String exportUri() {
        return "s3://" + downstreamBucket + "/" + exportKey;
    }
}
