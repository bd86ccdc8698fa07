package io.lakeloop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BuildVersionTest {

    @Test
    void readsTheVersionPropertyAndFallsBackToUnknown() {
        assertThat(BuildVersion.read(BuildVersionTest.class, "/build-version-test.properties")).isEqualTo("1.2.3");
        assertThat(BuildVersion.read(BuildVersionTest.class, "/no-such-file.properties")).isEqualTo(BuildVersion.UNKNOWN);
        assertThat(BuildVersion.read(BuildVersionTest.class, "/build-version-unfiltered.properties"))
                .isEqualTo(BuildVersion.UNKNOWN);
    }
}
