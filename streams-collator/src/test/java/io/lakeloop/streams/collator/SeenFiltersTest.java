package io.lakeloop.streams.collator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The per-bucket filters in front of the dedupe store: what they may answer, how many they keep. */
class SeenFiltersTest {

    static final long R = 86_400_000L;
    static final long B = 20_000 * R;

    static byte[] key(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aBucketWithoutAFilterHoldsNothingAndAnAddedKeyMayBeHeld() {
        SeenFilters f = new SeenFilters(R, 1024);

        assertThat(f.mayHold(B, key("1:ae"))).isFalse();
        f.add(B, key("1:ae"));

        assertThat(f.mayHold(B, key("1:ae"))).isTrue();
        assertThat(f.mayHold(B, key("1:be"))).isFalse();
        assertThat(f.mayHold(B + R, key("1:ae"))).as("another bucket").isFalse();
        assertThat(f.mayHold(B - R, key("1:ae"))).as("another bucket").isFalse();
    }

    @Test
    void keepsTheNewestBucketAndTheOneBeforeItSoATaskHoldsAtMostTwoFilters() {
        SeenFilters f = new SeenFilters(R, 1024);
        f.add(B - R, key("1:a"));
        f.add(B, key("1:b"));
        assertThat(f.filters()).isEqualTo(2);
        assertThat(f.heapBytes()).isEqualTo(2048);

        f.add(B + R, key("1:c"));

        assertThat(f.filters()).isEqualTo(2);
        assertThat(f.mayHold(B - R, key("1:a"))).as("expired with the store's retention of two buckets").isFalse();
        assertThat(f.mayHold(B, key("1:b"))).isTrue();
        assertThat(f.mayHold(B + R, key("1:c"))).isTrue();
    }

    @Test
    void aKeyInAnExpiredBucketIsNotRememberedAndALateKeyInALiveBucketIs() {
        SeenFilters f = new SeenFilters(R, 1024);
        f.add(B, key("1:new"));

        f.add(B - 2 * R, key("1:expired"));
        f.add(B - R, key("1:late"));

        assertThat(f.mayHold(B - 2 * R, key("1:expired"))).isFalse();
        assertThat(f.mayHold(B - R, key("1:late"))).isTrue();
        assertThat(f.filters()).isEqualTo(2);
    }

    @Test
    void clearForgetsEveryFilterAndTheNewestBucket() {
        SeenFilters f = new SeenFilters(R, 1024);
        f.add(B + 5 * R, key("1:a"));

        f.clear();
        // a bucket that was expired before the clear is live again: the store is being read anew
        f.add(B, key("1:b"));

        assertThat(f.filters()).isEqualTo(1);
        assertThat(f.mayHold(B + 5 * R, key("1:a"))).isFalse();
        assertThat(f.mayHold(B, key("1:b"))).isTrue();
    }

    @Test
    void withoutFilterMemoryEveryLookupGoesToTheStore() {
        SeenFilters f = new SeenFilters(R, 0);
        f.add(B, key("1:a"));

        assertThat(f.enabled()).isFalse();
        assertThat(f.mayHold(B, key("1:never-added"))).isTrue();
        assertThat(f.filters()).isZero();
    }
}
