package io.lakeloop.streams.collator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The dedupe filter's Bloom filter: never a false "never added"; its false-positive rate as it fills. */
class IdBloomFilterTest {

    static byte[] key(String user, int i) {
        // the store key's shape: length-prefixed user id + a 64-character hex id (a derived SHA-256 id)
        return DedupeProcessor.storeKey(user, String.format("%064x", (long) i * 0x9E3779B97F4A7C15L))
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Fraction of {@code probes} keys never added that the filter answers "maybe" for. */
    static double falsePositiveRate(IdBloomFilter filter, int added, int probes) {
        int maybe = 0;
        for (int i = 0; i < probes; i++) {
            if (filter.mightContain(key("other", added + i))) {
                maybe++;
            }
        }
        return (double) maybe / probes;
    }

    static IdBloomFilter filled(long bytes, int keys) {
        IdBloomFilter filter = new IdBloomFilter(bytes);
        for (int i = 0; i < keys; i++) {
            filter.add(key("user-" + (i % 1000), i));
        }
        return filter;
    }

    @Test
    void everyAddedKeyIsMaybeContainedAndAnEmptyFilterContainsNothing() {
        IdBloomFilter empty = new IdBloomFilter(1 << 16);
        assertThat(falsePositiveRate(empty, 0, 10_000)).isZero();

        IdBloomFilter filter = filled(1 << 16, 50_000);
        for (int i = 0; i < 50_000; i++) {
            assertThat(filter.mightContain(key("user-" + (i % 1000), i))).as("key %d", i).isTrue();
        }
    }

    @Test
    void falsePositiveRateStaysLowAtThirteenBitsPerKeyAndRisesAsTheFilterFills() {
        int keys = 100_000;
        double at13 = falsePositiveRate(filled(keys * 13L / 8, keys), keys, 200_000);
        double at7 = falsePositiveRate(filled(keys * 7L / 8, keys), keys, 200_000);
        double at2 = falsePositiveRate(filled(keys * 2L / 8, keys), keys, 200_000);

        assertThat(at13).isGreaterThan(0).isLessThan(0.008);
        assertThat(at7).isGreaterThan(at13).isLessThan(0.06);
        assertThat(at2).isGreaterThan(at7);
    }

    @Test
    void aSaturatedFilterAnswersMaybeForEverythingAndStillNeverMissesAnAddedKey() {
        IdBloomFilter tiny = filled(1, 20_000);

        assertThat(tiny.sizeBytes()).isEqualTo(IdBloomFilter.BLOCK_BYTES);
        assertThat(falsePositiveRate(tiny, 20_000, 1_000)).isEqualTo(1.0);
        assertThat(tiny.mightContain(key("user-7", 7))).isTrue();
    }

    @Test
    void sizeIsRoundedDownToWholeBlocks() {
        assertThat(new IdBloomFilter(0).sizeBytes()).isEqualTo(64);
        assertThat(new IdBloomFilter(127).sizeBytes()).isEqualTo(64);
        assertThat(new IdBloomFilter(4L << 20).sizeBytes()).isEqualTo(4L << 20);
    }

    @Test
    void hashReadsEveryByteAndTheLength() {
        byte[] a = "0123456789abcdefX".getBytes(StandardCharsets.UTF_8);
        byte[] b = "0123456789abcdefY".getBytes(StandardCharsets.UTF_8);
        byte[] prefix = "0123456789abcdef".getBytes(StandardCharsets.UTF_8);
        byte[] zeroPadded = "0123456789abcdef\0".getBytes(StandardCharsets.UTF_8);

        assertThat(IdBloomFilter.hash(a)).isNotEqualTo(IdBloomFilter.hash(b));
        assertThat(IdBloomFilter.hash(prefix)).isNotEqualTo(IdBloomFilter.hash(zeroPadded));
        assertThat(IdBloomFilter.hash(new byte[0])).isNotEqualTo(IdBloomFilter.hash(new byte[1]));
        assertThat(IdBloomFilter.hash(a)).isEqualTo(IdBloomFilter.hash(a.clone()));
    }
}
