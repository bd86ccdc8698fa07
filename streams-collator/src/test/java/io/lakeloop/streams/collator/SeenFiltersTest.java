package io.lakeloop.streams.collator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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

    @Test
    void aJumpOfTwoBucketsOrMoreDropsBothFilters() {
        SeenFilters f = new SeenFilters(R, 1024);
        f.add(B - R, key("1:a"));
        f.add(B, key("1:b"));

        f.add(B + 2 * R, key("1:c"));

        assertThat(f.filters()).isEqualTo(1);
        assertThat(f.mayHold(B, key("1:b"))).isFalse();
        assertThat(f.mayHold(B + 2 * R, key("1:c"))).isTrue();
        f.add(B + R, key("1:late"));
        assertThat(f.filters()).isEqualTo(2);
        assertThat(f.mayHold(B + R, key("1:late"))).isTrue();
    }

    @Test
    void aWindowNotAlignedToTheRetentionGetsNoFilterAndDoesNotMoveTheNewestBucket() {
        // a store written under another retention holds windows no lookup asks for
        SeenFilters f = new SeenFilters(R, 1024);
        f.add(B, key("1:a"));

        f.add(B + 5 * R + R / 2, key("1:unaligned"));

        assertThat(f.filters()).isEqualTo(1);
        assertThat(f.mayHold(B, key("1:a"))).as("not expired by the unaligned window").isTrue();
        f.add(B - R, key("1:b"));
        assertThat(f.mayHold(B - R, key("1:b"))).isTrue();
    }

    @Test
    void neverAnswersNoForAKeyAddedToABucketTheStoreStillHolds() {
        // random adds across neighbouring buckets, in random order: every key added to a bucket that is not two
        // retentions behind the newest bucket added must be a "maybe" (the invariant DedupeProcessor relies on)
        Random random = new Random(16);
        for (int round = 0; round < 200; round++) {
            SeenFilters f = new SeenFilters(R, 256);
            List<long[]> added = new ArrayList<>();
            long newest = Long.MIN_VALUE;
            for (int i = 0; i < 60; i++) {
                long bucket = B + (random.nextInt(7) - 2) * R + (i / 10) * R;
                byte[] k = key("u:" + round + ":" + i);
                f.add(bucket, k);
                if (newest == Long.MIN_VALUE || bucket > newest - 2 * R) {
                    added.add(new long[] {bucket, i});
                }
                newest = Math.max(newest, bucket);
                for (long[] a : added) {
                    if (a[0] > newest - 2 * R) {
                        assertThat(f.mayHold(a[0], key("u:" + round + ":" + a[1])))
                                .as("round %d: key %d in bucket %d, newest %d", round, a[1], a[0], newest).isTrue();
                    }
                }
                assertThat(f.filters()).isLessThanOrEqualTo(2);
            }
        }
    }
}
