package org.vigie.bench;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Two samples of response times compared: the difference of their medians with a percentile
 * bootstrap 95 % confidence interval, and the Hodges-Lehmann shift (median of all pairwise
 * differences) with its distribution-free 95 % interval from the Mann-Whitney statistic (normal
 * approximation, fine from a few dozen values per side). Differences are {@code a - b}.
 */
final class Compare {

    /** z for a two-sided 95 % interval. */
    static final double Z95 = 1.959963984540054;

    private Compare() {
    }

    /** An estimate and its 95 % confidence interval. */
    record Interval(double estimate, double low, double high) {
        boolean contains(double value) {
            return low <= value && value <= high;
        }

        /** The interval lies within [-bound, +bound]. */
        boolean within(double bound) {
            return -bound <= low && high <= bound;
        }
    }

    /** The median (mean of the two middle values for an even count). */
    static double median(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return medianOfSorted(sorted, sorted.length);
    }

    private static double medianOfSorted(double[] sorted, int n) {
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * median(a) - median(b), and the 2.5th and 97.5th percentiles of that difference over
     * {@code resamples} bootstrap resamples (each sample resampled with replacement, on its own).
     */
    static Interval medianDifferenceBootstrap(double[] a, double[] b, int resamples, long seed) {
        if (a.length == 0 || b.length == 0 || resamples < 100) {
            throw new IllegalArgumentException("need values on both sides and at least 100 resamples");
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] differences = new double[resamples];
        double[] ra = new double[a.length];
        double[] rb = new double[b.length];
        for (int r = 0; r < resamples; r++) {
            for (int i = 0; i < a.length; i++) {
                ra[i] = a[random.nextInt(a.length)];
            }
            for (int i = 0; i < b.length; i++) {
                rb[i] = b[random.nextInt(b.length)];
            }
            Arrays.sort(ra);
            Arrays.sort(rb);
            differences[r] = medianOfSorted(ra, ra.length) - medianOfSorted(rb, rb.length);
        }
        Arrays.sort(differences);
        return new Interval(median(a) - median(b), quantile(differences, 0.025), quantile(differences, 0.975));
    }

    /**
     * The Hodges-Lehmann estimate of the shift of a against b, with the interval between the
     * k-th smallest and k-th largest pairwise difference, k from the Mann-Whitney U's normal
     * approximation (Lehmann, Nonparametrics, 1975).
     */
    static Interval hodgesLehmann(double[] a, double[] b) {
        int m = a.length;
        int n = b.length;
        if (m == 0 || n == 0) {
            throw new IllegalArgumentException("no values");
        }
        double[] d = new double[m * n];
        int k = 0;
        for (double x : a) {
            for (double y : b) {
                d[k++] = x - y;
            }
        }
        Arrays.sort(d);
        double mn = (double) m * n;
        int c = (int) Math.floor(mn / 2 - Z95 * Math.sqrt(mn * (m + n + 1) / 12.0));
        c = Math.max(0, c);
        int last = d.length - 1;
        return new Interval(medianOfSorted(d, d.length), d[Math.min(c, last)], d[Math.max(0, last - c)]);
    }

    /** Linear interpolation between the closest ranks (type 7) of sorted values. */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
