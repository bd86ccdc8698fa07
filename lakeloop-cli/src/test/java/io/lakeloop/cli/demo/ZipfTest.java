package io.lakeloop.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ZipfTest {

    @Test
    void probabilitiesFollowThePowerLawAndSumToOne() {
        Zipf zipf = new Zipf(100, 1.0);
        double sum = 0;
        for (int k = 0; k < 100; k++) {
            sum += zipf.probability(k);
        }
        assertThat(sum).isCloseTo(1.0, within(1e-9));
        assertThat(zipf.probability(0) / zipf.probability(1)).isCloseTo(2.0, within(1e-9));
        assertThat(zipf.probability(0) / zipf.probability(9)).isCloseTo(10.0, within(1e-9));
    }

    @Test
    void samplesMatchTheDistribution() {
        Zipf zipf = new Zipf(50, 1.1);
        SplittableRandom random = new SplittableRandom(7);
        int draws = 200_000;
        int[] counts = new int[50];
        for (int i = 0; i < draws; i++) {
            counts[zipf.sample(random)]++;
        }
        for (int k : new int[] {0, 1, 4, 20, 49}) {
            double expected = zipf.probability(k) * draws;
            // within 5 standard deviations of a binomial count
            double sd = Math.sqrt(draws * zipf.probability(k) * (1 - zipf.probability(k)));
            assertThat((double) counts[k]).as("rank %d", k).isCloseTo(expected, within(5 * sd));
        }
        assertThat(counts[0]).isGreaterThan(counts[1]).isGreaterThan(counts[10]);
    }

    @Test
    void sameSeedSameRanks() {
        Zipf zipf = new Zipf(1000, 0.9);
        SplittableRandom a = new SplittableRandom(42);
        SplittableRandom b = new SplittableRandom(42);
        for (int i = 0; i < 1000; i++) {
            assertThat(zipf.sample(a)).isEqualTo(zipf.sample(b));
        }
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new Zipf(0, 1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Zipf(10, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
