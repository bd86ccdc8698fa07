package io.lakeloop.cli.demo;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A Zipf distribution over ranks {@code 0..n-1}: rank {@code k} has probability proportional to
 * {@code 1 / (k + 1)^exponent}. Sampled by inverting the cumulative distribution (binary search), so a draw is
 * {@code O(log n)} and depends only on the random source: the same seed gives the same ranks.
 */
public final class Zipf {

    private final double[] cumulative;

    public Zipf(int n, double exponent) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1: " + n);
        }
        if (!(exponent > 0)) {
            throw new IllegalArgumentException("exponent must be positive: " + exponent);
        }
        cumulative = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += 1.0 / Math.pow(k + 1, exponent);
            cumulative[k] = sum;
        }
        for (int k = 0; k < n; k++) {
            cumulative[k] /= sum;
        }
        cumulative[n - 1] = 1.0;
    }

    public int size() {
        return cumulative.length;
    }

    /** The probability of rank {@code k}. */
    public double probability(int k) {
        return k == 0 ? cumulative[0] : cumulative[k] - cumulative[k - 1];
    }

    public int sample(SplittableRandom random) {
        double u = random.nextDouble();
        int index = Arrays.binarySearch(cumulative, u);
        int rank = index >= 0 ? index + 1 : -index - 1;
        return Math.min(rank, cumulative.length - 1);
    }
}
