package io.lakeloop.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class LakeLayoutTest {

    @Test
    void addressesAPartitionLikeTheSeedsDataAddress() {
        DataAddress a = new DataAddress("crm_derived_restricted", "t200_dashboard_interaction",
                LocalDate.of(2024, 3, 7), "prod");
        assertThat(a.s3Key()).isEqualTo("crm_derived_restricted/t200_dashboard_interaction/dt=2024-03-07/");
        assertThat(a.withDate(null).s3Key()).isEqualTo("crm_derived_restricted/t200_dashboard_interaction/");
    }

    @Test
    void bucketsFollowTheTenantAndStageConvention() {
        assertThat(LakeLayout.ofTenant("acme", "prod").bucket(LakeZone.LAKE)).isEqualTo("acme-c360-lake");
        assertThat(LakeLayout.ofTenant("acme", "staging").bucket(LakeZone.DOWNSTREAM)).isEqualTo("acme-c360-downstream-staging");
        assertThat(LakeLayout.ofTenant("acme", "dev").bucket(LakeZone.UPSTREAM)).isEqualTo("acme-c360-upstream-dev");
        LakeLayout local = LakeLayout.ofBuckets("upstream", "lake", "downstream");
        assertThat(local.s3Uri(new DataAddress("d", "t", LocalDate.of(2024, 1, 2), "dev")))
                .isEqualTo("s3://lake/d/t/dt=2024-01-02/");
        assertThat(LakeZone.of("Downstream")).isEqualTo(LakeZone.DOWNSTREAM);
    }

    @Test
    void rejectsNamesThatWouldEscapeThePrefix() {
        assertThatThrownBy(() -> new DataAddress("../x", "t", null, "prod")).hasMessageContaining("dataset");
        assertThatThrownBy(() -> new DataAddress("d", "a/b", null, "prod")).hasMessageContaining("table");
    }
}
