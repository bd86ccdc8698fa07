package io.lakeloop.connect.s3.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LakeTableDdlTest {

    /** The DDL in docs/lake-table.md, as generated for the documented example. */
    static String documented() {
        return documented(LakeTableDdl.Layout.CSV_GZIP);
    }

    static String documented(LakeTableDdl.Layout layout) {
        return LakeTableDdl.athena("crm_derived_restricted", "t200_dashboard_interaction",
                "s3://acme-c360-lake/crm_derived_restricted/t200_dashboard_interaction/", layout, "2026-01-01");
    }

    @Test
    void theDocumentedDdlIsTheGeneratedOne() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "lake-table.md"));
        for (LakeTableDdl.Layout layout : LakeTableDdl.Layout.values()) {
            assertThat(doc).as("docs/lake-table.md holds LakeTableDdl's output for %s; regenerate it", layout)
                    .contains(documented(layout));
        }
        assertThat(documented(LakeTableDdl.Layout.PARQUET)).contains("STORED AS PARQUET")
                .doesNotContain("skip.header", "OpenCSVSerde");
    }

    @Test
    void theDdlDeclaresEveryLakeColumnAndProjectsTheDayPartition() {
        String ddl = documented();
        assertThat(ddl).contains("`user_id` string", "`timestamp` bigint", "`event_value` double",
                "PARTITIONED BY (`dt` string)", "'projection.dt.format' = 'yyyy-MM-dd'",
                "'storage.location.template' = 's3://acme-c360-lake/crm_derived_restricted/t200_dashboard_interaction/dt=${dt}/'",
                "'skip.header.line.count' = '1'");
        assertThat(LakeTableDdl.duckDbColumns()).containsEntry("TIMESTAMP", "BIGINT").containsEntry("USER_ID", "VARCHAR")
                .hasSize(7);
        assertThatThrownBy(() -> LakeTableDdl.athena("d", "t", "s3://b/no-slash", LakeTableDdl.Layout.CSV_GZIP,
                "2026-01-01")).isInstanceOf(IllegalArgumentException.class);
    }
}
