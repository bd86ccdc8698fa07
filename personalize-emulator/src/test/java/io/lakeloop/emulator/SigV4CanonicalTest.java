package io.lakeloop.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SigV4CanonicalTest {

    @Test
    void encodesPathSegmentsAgainAsTheSdkDoesForNonS3Services() {
        assertThat(SigV4Canonical.uri("/action-interactions")).isEqualTo("/action-interactions");
        assertThat(SigV4Canonical.uri("/a%20b")).isEqualTo("/a%2520b");
        assertThat(SigV4Canonical.uri("")).isEqualTo("/");
    }

    @Test
    void sortsAndEncodesTheQuery() {
        assertThat(SigV4Canonical.query("b=2&a=x%20y&c")).isEqualTo("a=x%20y&b=2&c=");
        assertThat(SigV4Canonical.query(null)).isEmpty();
    }

    @Test
    void convertsEpochSecondsWithAFraction() {
        assertThat(EpochSeconds.toInstant(new java.math.BigDecimal("1700000000.123")))
                .isEqualTo(java.time.Instant.ofEpochSecond(1_700_000_000L, 123_000_000));
        assertThat(EpochSeconds.toInstant(new java.math.BigDecimal("-1.5")))
                .isEqualTo(java.time.Instant.ofEpochSecond(-2, 500_000_000));
    }
}
